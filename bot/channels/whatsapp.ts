// The WhatsApp channel's id on activities, transcripts and analytics. A leaf module (no imports) outside
// bot/whatsapp/ (the HTTP edge), so the renderers, the channel fitting and the dialogs can name the channel
// without importing the adapter.
export const WHATSAPP_CHANNEL = 'whatsapp';
