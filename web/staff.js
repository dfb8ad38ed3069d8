// The staff dashboard: asks for the token, fetches the summary, draws tables and bars. Every value from the
// server is set with textContent, never as HTML: questions and comments are what members of the public typed.
(function () {
  'use strict';
  var KEY = 'wegwijzer.staffToken';
  var form = document.getElementById('login');
  var tokenInput = document.getElementById('token');
  var weeksInput = document.getElementById('weeks');
  var errorBox = document.getElementById('error');
  tokenInput.value = sessionStorage.getItem(KEY) || '';

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + tokenInput.value } }).then(function (res) {
      // The wording lives in the page (staff.html), not in the code.
      if (res.status === 401) throw new Error(errorBox.dataset.unauthorized);
      if (!res.ok) throw new Error(errorBox.dataset.failed.replace('{status}', String(res.status)));
      return res;
    });
  }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function fillTable(id, rows, columns) {
    var body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren();
    rows.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c) { tr.appendChild(el('td', Array.isArray(row[c]) ? row[c].join(' | ') : row[c])); });
      body.appendChild(tr);
    });
  }
  function bars(id, rows, label, parts) {
    var chart = document.getElementById(id);
    chart.replaceChildren();
    var max = Math.max.apply(null, rows.map(function (r) { return parts.reduce(function (s, p) { return s + r[p]; }, 0); }).concat([1]));
    rows.forEach(function (row) {
      var line = el('div', undefined, 'row');
      var total = 0;
      var bar = el('div', undefined, 'bar');
      parts.forEach(function (p) {
        total += row[p];
        var span = el('span', undefined, p);
        span.style.width = (100 * row[p] / max) + '%';
        span.title = p + ': ' + row[p];
        bar.appendChild(span);
      });
      line.appendChild(el('div', row[label]));
      line.appendChild(bar);
      line.appendChild(el('div', total));
      chart.appendChild(line);
    });
  }
  function download(path, name) {
    api(path).then(function (res) { return res.blob(); }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.click();
      URL.revokeObjectURL(a.href);
    }).catch(showError);
  }
  // Per unanswered question a choice of the entry that answers it; a change is saved at once.
  var entries = null;
  function entryList() {
    if (entries) return Promise.resolve(entries);
    return api('/staff/api/entries').then(function (res) { return res.json(); }).then(function (list) {
      entries = list.slice().sort(function (a, b) { return a.title.localeCompare(b.title, 'nl'); });
      return entries;
    });
  }
  function addLabelChoices(rows) {
    var texts = document.getElementById('labelOptions').dataset;
    entryList().then(function (list) {
      var trs = document.querySelectorAll('#unanswered tbody tr');
      rows.forEach(function (row, i) {
        var select = el('select');
        select.setAttribute('aria-label', texts.label.replace('{question}', row.question));
        [['', texts.none], ['new-topic', texts.newTopic], ['out-of-scope', texts.outOfScope]].concat(list.map(function (e) {
          return [e.id, e.title + ' (' + e.authority + ')'];
        })).forEach(function (option) {
          var o = el('option', option[1]);
          o.value = option[0];
          select.appendChild(o);
        });
        select.value = row.label || '';
        var status = el('span', '', 'saved');
        status.setAttribute('role', 'status');
        select.addEventListener('change', function () {
          status.textContent = '';
          fetch('/staff/api/labels', {
            method: 'PUT',
            headers: { Authorization: 'Bearer ' + tokenInput.value, 'Content-Type': 'application/json' },
            body: JSON.stringify({ question: row.question, locale: row.locale, label: select.value }),
          }).then(function (res) {
            if (!res.ok) throw new Error(errorBox.dataset.failed.replace('{status}', String(res.status)));
            status.textContent = texts.saved;
          }).catch(showError);
        });
        var td = el('td');
        td.appendChild(select);
        td.appendChild(status);
        trs[i].appendChild(td);
      });
    }).catch(showError);
  }
  document.getElementById('evalItems').addEventListener('click', function () {
    var locale = document.getElementById('evalLocale').value;
    download('/staff/api/eval-items/' + encodeURIComponent(locale) + '.yaml', 'questions.' + locale + '.staff.yaml');
  });
  function showError(error) {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  }
  function load() {
    errorBox.hidden = true;
    var weeks = encodeURIComponent(weeksInput.value || '8');
    api('/staff/api/summary?weeks=' + weeks).then(function (res) { return res.json(); }).then(function (s) {
      sessionStorage.setItem(KEY, tokenInput.value);
      document.getElementById('dashboard').hidden = false;
      bars('weeksChart', s.turnsPerWeek, 'week', ['answer', 'choose', 'fallback', 'authority', 'guide']);
      fillTable('unanswered', s.unanswered, ['question', 'locale', 'count', 'outcome', 'lastAt']);
      addLabelChoices(s.unanswered);
      fillTable('feedback', s.feedback, ['topic', 'helped', 'notHelped', 'comments']);
      fillTable('complaints', s.complaints, ['week', 'organisation', 'kind', 'count']);
      bars('languagesChart', s.languages.map(function (l) { return { locale: l.locale, count: l.count }; }), 'locale', ['count']);
      return api('/staff/api/transcripts');
    }).then(function (res) { return res.json(); }).then(function (list) {
      var ul = document.getElementById('transcripts');
      ul.replaceChildren();
      list.slice(0, 50).forEach(function (t) {
        var li = el('li');
        var button = el('button', t.id + ' · ' + new Date(t.created).toLocaleString(document.documentElement.lang));
        button.addEventListener('click', function () {
          download('/staff/api/transcripts/' + encodeURIComponent(t.id), 'wegwijzer.transcript');
        });
        li.appendChild(button);
        ul.appendChild(li);
      });
    }).catch(showError);
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); load(); });
  document.querySelectorAll('[data-export]').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-export');
      download('/staff/api/export/' + name + '.csv?weeks=' + encodeURIComponent(weeksInput.value || '8'), 'wegwijzer-' + name + '.csv');
    });
  });
  if (tokenInput.value) load();
})();
