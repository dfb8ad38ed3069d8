// Where an unauthenticated (anonymous-mode) activity may make the bot post its replies. Pure.

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * In anonymous mode (no app id) the bot must not post to arbitrary hosts: only loopback (the Emulator, Agents
 * Playground and the local widget) or an origin listed in ALLOWED_SERVICE_URLS.
 */
export function isAllowedServiceUrl(serviceUrl: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return isLoopbackHost(url.hostname) || allowedOrigins.includes(url.origin);
}
