// Wegwijzer embed script. Add to a page:
//   <script src="https://<wegwijzer-host>/widget.js" data-lang="nl" data-title="Vragen over inburgering"
//           data-color="#00529b" data-position="right" data-open="false"></script>
// It adds a launcher button and a chat panel (an iframe served by the Wegwijzer server).
(function () {
  'use strict';
  var LABELS = /*LABELS*/{};
  var script = document.currentScript;
  if (!script || window.__wegwijzerWidget) return;
  window.__wegwijzerWidget = true;
  var origin = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var lang = (data.lang || document.documentElement.lang || 'nl').slice(0, 2).toLowerCase();
  var labels = LABELS[lang] || LABELS.nl;
  var color = /^#[0-9a-fA-F]{3,8}$/.test(data.color || '') ? data.color : '#00529b';
  var side = data.position === 'left' ? 'left' : 'right';
  var title = data.title || labels.chatTitle;
  var OPEN_KEY = 'wegwijzer.open';
  var remembered = sessionStorage.getItem(OPEN_KEY);
  var open = remembered === null ? data.open === 'true' : remembered === 'true';

  var style = document.createElement('style');
  style.textContent = [
    '.wegwijzer-launcher{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483000;border:0;border-radius:28px;padding:12px 18px;font:600 16px/1.2 "Wegwijzer Ethiopic",system-ui,sans-serif;color:#fff;background:' + color + ';box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer;max-width:calc(100vw - 32px)}',
    '.wegwijzer-launcher:focus-visible,.wegwijzer-close:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}',
    '.wegwijzer-panel{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483001;width:400px;height:min(640px,calc(100dvh - 32px));display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.35);overflow:hidden}',
    '.wegwijzer-panel[hidden],.wegwijzer-launcher[hidden]{display:none}',
    '.wegwijzer-head{display:flex;align-items:center;gap:8px;padding:10px 12px;background:' + color + ';color:#fff;font:600 16px/1.3 "Wegwijzer Ethiopic",system-ui,sans-serif}',
    '.wegwijzer-head h2{flex:1;margin:0;font:inherit}',
    '.wegwijzer-close{border:0;background:transparent;color:#fff;font-size:24px;line-height:1;cursor:pointer;min-width:44px;min-height:44px}',
    '.wegwijzer-frame{flex:1;width:100%;border:0}',
    '@media (max-width:480px){.wegwijzer-panel{inset:0;width:100%;height:100dvh;border-radius:0}}',
    // The launcher and the panel's title in Tigrinya need Ge'ez letters too, on a site that has no such font. The
    // font comes first (its unicode-range keeps it to Ge'ez letters): after system-ui, a system font that claims
    // Ge'ez letters it cannot draw (DejaVu Sans Bold on Linux) was used instead, and the title showed empty boxes.
    '@font-face{font-family:"Wegwijzer Ethiopic";font-weight:600;font-display:swap;src:url(' + origin + '/fonts/noto-sans-ethiopic-ethiopic-700-normal.woff2) format("woff2");unicode-range:U+1200-139F,U+2D80-2DDF,U+AB00-AB2F}'
  ].join('');
  document.head.appendChild(style);

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'wegwijzer-launcher';
  launcher.textContent = labels.open;
  launcher.setAttribute('aria-expanded', 'false');

  var panel = document.createElement('section');
  panel.className = 'wegwijzer-panel';
  panel.setAttribute('aria-label', title);
  panel.setAttribute('lang', lang);
  panel.setAttribute('dir', labels.rtl ? 'rtl' : 'ltr');
  var head = document.createElement('div');
  head.className = 'wegwijzer-head';
  var heading = document.createElement('h2');
  heading.textContent = title;
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'wegwijzer-close';
  close.setAttribute('aria-label', labels.close);
  close.textContent = '\u00d7';
  head.appendChild(heading);
  head.appendChild(close);
  panel.appendChild(head);
  var frame;

  function setOpen(value, focus) {
    open = value;
    sessionStorage.setItem(OPEN_KEY, String(value));
    panel.hidden = !value;
    launcher.hidden = value;
    launcher.setAttribute('aria-expanded', String(value));
    if (value && !frame) {
      frame = document.createElement('iframe');
      frame.className = 'wegwijzer-frame';
      frame.title = title;
      frame.src = origin + '/widget?lang=' + encodeURIComponent(lang) + '&color=' + encodeURIComponent(color);
      panel.appendChild(frame);
    }
    if (focus) (value ? close : launcher).focus();
  }
  // The frame says which language the conversation is in (chosen in its menu or in the chat): the whole panel
  // follows, its title (unless the site set one), its close label and its direction.
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    var d = event.data;
    if (!d || d.type !== 'wegwijzer:language' || !LABELS[d.lang]) return;
    var l = LABELS[d.lang];
    panel.setAttribute('lang', d.lang);
    panel.setAttribute('dir', l.rtl ? 'rtl' : 'ltr');
    if (!data.title) {
      heading.textContent = l.chatTitle;
      panel.setAttribute('aria-label', l.chatTitle);
      frame.title = l.chatTitle;
    }
    close.setAttribute('aria-label', l.close);
    launcher.textContent = l.open;
  });
  launcher.addEventListener('click', function () { setOpen(true, true); });
  close.addEventListener('click', function () { setOpen(false, true); });
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') setOpen(false, true); });

  document.body.appendChild(launcher);
  document.body.appendChild(panel);
  setOpen(open, false);
})();
