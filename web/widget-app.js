// Runs inside the widget frame: starts or resumes a Direct Line conversation and renders Bot Framework Web Chat.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('wegwijzer-config').textContent);
  var KEY = 'wegwijzer.directline';
  var LANG_KEY = 'wegwijzer.lang';
  var domain = location.origin + '/v3/directline';
  var lang = sessionStorage.getItem(LANG_KEY) || config.lang;
  var directLine;
  var store;

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }
  function save(session) { sessionStorage.setItem(KEY, JSON.stringify(session)); }

  // A saved conversation is resumed while its token is valid; otherwise a new one starts (and the bot greets).
  function session() {
    var saved = load();
    if (saved && saved.expiresAt > Date.now() + 60000) return Promise.resolve({ saved: saved, resumed: true });
    return fetch(domain + '/tokens/generate', { method: 'POST' }).then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    }).then(function (t) {
      var fresh = { token: t.token, conversationId: t.conversationId, userId: t.userId, expiresAt: Date.now() + t.expires_in * 1000, watermark: '' };
      save(fresh);
      return { saved: fresh, resumed: false };
    });
  }

  function render() {
    var language = config.languages[lang] || config.languages[config.lang];
    document.documentElement.lang = lang;
    document.documentElement.dir = language.rtl ? 'rtl' : 'ltr';
    var privacy = document.getElementById('privacy');
    privacy.href = '/privacy?lang=' + encodeURIComponent(lang);
    privacy.textContent = language.privacyLink;
    document.getElementById('language-label').textContent = language.language;
    document.getElementById('unavailable').textContent = language.unavailable;
    document.title = language.chatTitle;
    document.getElementById('webchat').setAttribute('aria-label', language.chatTitle);
    // The panel around the frame belongs to the embedding page: tell it, so its title and direction follow.
    if (window.parent !== window) window.parent.postMessage({ type: 'wegwijzer:language', lang: lang, rtl: !!language.rtl }, '*');
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: load().userId,
      locale: language.webchatLocale,
      dir: language.rtl ? 'rtl' : 'ltr',
      overrideLocalizedStrings: language.webchatStrings || undefined,
      styleOptions: {
        accent: config.color,
        // Follow-ups and feedback flow as compact buttons that wrap (widget.css), not one full-width row each.
        suggestedActionLayout: 'flow',
        hideUploadButton: true,
        bubbleBorderRadius: 8,
        bubbleFromUserBackground: '#e8f0f8',
        sendBoxButtonColor: config.color,
        // The font list of fonts.css, so that the pages and the chat cannot drift apart.
        primaryFont: getComputedStyle(document.documentElement).getPropertyValue('--wegwijzer-font').trim() || undefined
      }
    }, document.getElementById('webchat'));
  }

  var select = document.getElementById('language');
  select.value = lang;

  // One language for the widget and the bot: the widget's chrome, Web Chat's strings and direction.
  function useLanguage(value) {
    if (!config.languages[value]) return;
    lang = value;
    select.value = value;
    sessionStorage.setItem(LANG_KEY, value);
    render();
  }
  // Read aloud: every answer gets a control that speaks its title and text (not the source line or buttons) in
  // the conversation's language, when the device has a voice for it; without such a voice there is no control.
  // It never starts on its own, stops when pressed again, and stops when a new answer arrives.
  var speech = window.speechSynthesis;
  var reading = null;
  if (speech && speech.getVoices) speech.getVoices(); // some browsers load their voices on the first call
  function voiceFor(language) {
    if (!speech || typeof window.SpeechSynthesisUtterance !== 'function') return null;
    var voices = speech.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (String(voices[i].lang || '').toLowerCase().split(/[-_]/)[0] === language) return voices[i];
    }
    return null;
  }
  /** The answer as it is read: the title and the text, without markdown, links' addresses, source or notices. */
  function speakable(markdown) {
    return markdown.split(/\n\s*\n/).filter(function (part) { return !/^\s*_/.test(part); }).join('\n')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>]/g, '').trim();
  }
  function stopReading() {
    if (reading) {
      reading.button.textContent = reading.labels.readAloud;
      reading.button.setAttribute('aria-pressed', 'false');
      reading = null;
    }
    if (speech) speech.cancel();
  }
  function onBotMessage(activity) {
    // A new answer stays in view from its heading: once it is drawn, the transcript shows its start, not the end
    // of its source line and card.
    if ((activity.text || '').length > 300) {
      setTimeout(showStartOfLastAnswer, 400);
      setTimeout(showStartOfLastAnswer, 1000);
    }
    var meta = activity.channelData && activity.channelData.wegwijzer;
    var isAnswer = meta && (meta.kind === 'answer' || meta.kind === 'urgent');
    if (reading) stopReading();
    if (!isAnswer || !activity.text) return;
    var language = String(activity.locale || lang).toLowerCase().split(/[-_]/)[0];
    var voice = voiceFor(language);
    if (!voice) return;
    var text = speakable(activity.text);
    var title = text.split('\n')[0];
    setTimeout(function () { addReadAloud(title, text, voice, config.languages[lang] || config.languages[config.lang]); }, 300);
  }
  function addReadAloud(title, text, voice, labels) {
    var bubbles = document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
    var bubble = null;
    for (var i = bubbles.length - 1; i >= 0 && !bubble; i--) if ((bubbles[i].textContent || '').indexOf(title) >= 0) bubble = bubbles[i];
    if (!bubble || bubble.querySelector('.wegwijzer-read')) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'wegwijzer-read';
    button.textContent = labels.readAloud;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', function () {
      if (reading && reading.button === button) { stopReading(); return; }
      stopReading();
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang;
      try { utterance.voice = voice; } catch (e) { /* the language alone then picks the voice */ }
      utterance.onend = function () { if (reading && reading.button === button) stopReading(); };
      reading = { button: button, labels: labels };
      button.textContent = labels.stopReading;
      button.setAttribute('aria-pressed', 'true');
      speech.speak(utterance);
    });
    // At the top of the answer, beside its heading: in view when the answer arrives.
    bubble.insertBefore(button, bubble.firstChild);
  }

  function showStartOfLastAnswer() {
    var items = document.querySelectorAll('.webchat__basic-transcript__activity');
    var last = items[items.length - 1];
    var scroller = document.querySelector('.webchat__basic-transcript__scrollable');
    if (!last || !scroller) return;
    var top = last.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    scroller.scrollTop = Math.max(0, top - 8);
  }
  function sendEvent(name, value) {
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: name, value: value } });
  }
  // Choosing in the widget's menu switches the bot too (saved and confirmed in the new language, with the menu).
  select.addEventListener('change', function () {
    useLanguage(select.value);
    sendEvent('webchat/language', { language: lang });
  });

  // Once connected the widget says it joined, with its language: the bot greets in it (once per conversation, so
  // a resumed conversation is not greeted again). A language chosen in the chat ("taal") comes back as an event,
  // and the widget's menu and direction follow it.
  store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          setTimeout(function () { sendEvent('webchat/join', { language: lang }); }, 0);
        } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          var activity = action.payload && action.payload.activity;
          if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot') onBotMessage(activity);
          if (activity && activity.type === 'event' && activity.name === 'wegwijzer/language' && activity.value) {
            var chosen = activity.value.language;
            if (chosen && chosen !== lang) setTimeout(function () { useLanguage(chosen); }, 0);
          }
        }
        return next(action);
      };
    };
  });

  session().then(function (s) {
    var options = { domain: domain, token: s.saved.token, webSocket: false, pollingInterval: 500 };
    // Resume: reconnect to the same conversation and replay it from the start, so the history shows again.
    if (s.resumed) options.conversationId = s.saved.conversationId;
    directLine = window.WebChat.createDirectLine(options);
    // Keep the refreshed token and the watermark, so a reload or another page of the site resumes.
    setInterval(function () {
      var current = load();
      if (!current) return;
      if (directLine.token && directLine.token !== current.token) {
        current.token = directLine.token;
        current.expiresAt = Date.now() + config.tokenSeconds * 1000;
      }
      if (directLine.watermark) current.watermark = directLine.watermark;
      save(current);
    }, 2000);
    render();
  }).catch(function () {
    document.getElementById('unavailable').hidden = false;
  });
})();
