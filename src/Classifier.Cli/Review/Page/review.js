'use strict';
// Every string in the data is scraped text and hostile: it reaches the page only as textContent, DOM text
// nodes and setAttribute values, never as markup to parse.
(() => {
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const categories = data.categories;
  const labels = ['clean', ...categories];
  const storageKey = 'classifier-review:' + location.pathname + ':' + document.querySelector('meta[name="review-key"]').content;

  // ---- decisions: "docIndex:para" -> {verdict: 'right'} or {verdict: 'wrong', label}; saved in localStorage ----
  const decisions = loadDecisions();
  let storageWorks = true;

  function loadDecisions() {
    let saved = {};
    try { saved = JSON.parse(localStorage.getItem(storageKey) || '{}') || {}; } catch { saved = {}; }
    // Other file:// pages share this storage, so keep only well-formed entries for paragraphs that exist.
    const valid = {};
    for (const [key, d] of Object.entries(saved)) {
      const [doc, para] = key.split(':').map(Number);
      const paragraph = data.documents[doc]?.paragraphs[para];
      if (!paragraph || (paragraph.flags.length === 0 && !segmentOf(doc, para)) || !d) continue;
      if (d.verdict === 'right') valid[key] = { verdict: 'right' };
      else if (d.verdict === 'wrong' && labels.includes(d.label)) valid[key] = { verdict: 'wrong', label: d.label };
    }
    return valid;
  }

  // The flagged segment (a block judged at once) holding a paragraph, if any.
  function segmentOf(doc, para) {
    return (data.documents[doc]?.segments || []).find(s => para >= s.start && para < s.end) || null;
  }

  function saveDecisions() {
    try { localStorage.setItem(storageKey, JSON.stringify(decisions)); storageWorks = true; }
    catch { storageWorks = false; }
  }

  // The label a paragraph is exported with: the moderator's correction, else the model's flags. Only decided
  // paragraphs carry weight: an undecided one goes out with weight 0 (context for its neighbours, not a label), so
  // retraining on the export does not feed the model its own guesses, unless the moderator ticks the box.
  function labelOf(doc, para) {
    const d = decisions[doc + ':' + para];
    if (d && d.verdict === 'wrong') return d.label;
    const flags = data.documents[doc].paragraphs[para].flags;
    return flags.length ? flags.join(';') : 'clean';
  }

  // ---- building the page ----
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else if (name === 'class') node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  const score = value => value.toFixed(2);
  const share = value => Math.round(value * 100) + '%';
  const topFlag = p => p.flags.reduce((best, c) => (best === null || p.scores[c] > p.scores[best] ? c : best), null);

  const views = data.documents.map((doc, index) => renderDocument(doc, index));
  const main = document.getElementById('documents');
  const noMatch = el('p', { class: 'empty', text: 'No document matches the filter.' });
  main.before(noMatch);

  function renderDocument(doc, index) {
    const headingId = 'doc-' + index;
    const items = doc.paragraphs.map((p, para) => renderParagraph(doc, index, p, para));
    const flagged = doc.paragraphs.filter(p => p.flags.length).length;
    // Paragraphs of a flagged segment sit in one block, with its reason and one decision for all of them.
    const list = el('ol', { class: 'paras' });
    const segments = [];
    for (let para = 0; para < items.length;) {
      const segment = segmentOf(index, para);
      if (!segment) { list.append(items[para].node); para++; continue; }
      const block = renderSegment(doc, index, segment, items.slice(segment.start, segment.end));
      segments.push(block);
      list.append(block.node);
      para = segment.end;
    }
    const section = el('section', { class: 'doc', 'aria-labelledby': headingId },
      el('h2', { id: headingId, text: doc.id }),
      el('p', { class: 'meta', text: `${doc.paragraphs.length} paragraphs, ${flagged} flagged · highest score ${score(maxScore(doc, ''))} · ${doc.source}` }),
      list);
    return { doc, index, section, items, segments };
  }

  // Accepting a segment marks every paragraph of it off_topic (right where flagged so, corrected where not);
  // rejecting marks each as not off_topic (its other flag, or clean). Either way every paragraph of the block is decided.
  function renderSegment(doc, index, segment, items) {
    const title = `Paragraphs ${segment.start + 1}-${segment.end}`;
    const accept = el('button', { type: 'button', class: 'btn-accept-segment' }, 'Accept segment as off_topic');
    const reject = el('button', { type: 'button', class: 'btn-reject-segment' }, 'Reject segment');
    const verdict = el('span', { class: 'verdict' });
    const node = el('li', { class: 'segment', 'data-doc': String(index), 'data-start': String(segment.start), 'data-end': String(segment.end) },
      el('p', { class: 'segment-head' }, el('b', { text: title + ': ' }), segment.reason),
      el('div', { class: 'decision', role: 'group', 'aria-label': `Decision on ${title.toLowerCase()} of ${doc.id}` }, accept, reject, verdict),
      el('ol', { class: 'paras', start: String(segment.start + 1) }, ...items.map(i => i.node)));

    function decideAll(accepted) {
      items.forEach((item, offset) => {
        const para = segment.start + offset, flags = item.p.flags;
        const offTopic = flags.includes('off_topic');
        const other = flags.find(c => c !== 'off_topic');
        decisions[index + ':' + para] = accepted
          ? (offTopic ? { verdict: 'right' } : { verdict: 'wrong', label: 'off_topic' })
          : (offTopic ? { verdict: 'wrong', label: other || 'clean' } : { verdict: 'right' });
        item.decision?.show();
      });
      saveDecisions();
      show();
      updateSummary();
    }
    function show() {
      const states = items.map((_, offset) => decisions[index + ':' + (segment.start + offset)]);
      items.forEach((item, offset) => {
        item.node.classList.toggle('decided-right', states[offset]?.verdict === 'right');
        item.node.classList.toggle('decided-wrong', states[offset]?.verdict === 'wrong');
      });
      const decided = states.filter(Boolean).length;
      verdict.textContent = decided === 0 ? '' : `${decided} of ${items.length} paragraphs decided`;
    }
    accept.addEventListener('click', () => decideAll(true));
    reject.addEventListener('click', () => decideAll(false));
    return { node, show };
  }

  function renderParagraph(doc, index, p, para) {
    const number = para + 1;
    const node = el('li', { class: 'para', 'data-doc': String(index), 'data-para': String(para) },
      el('span', { class: 'num', 'aria-label': 'Paragraph ' + number, text: '¶' + number }),
      el('p', { class: 'text', text: p.text }));
    if (p.flags.length === 0) return { node, p };

    node.classList.add('flagged', 'cat-' + topFlag(p));
    const detail = el('div', { class: 'detail' });
    detail.append(el('div', { class: 'chips' }, ...p.flags.map(c => el('span', { class: 'chip cat-' + c, text: `${c} ${score(p.scores[c])}` }))));
    // Per flag: the top reasons in plain words with their share of what pushed the score up; the raw features behind a toggle.
    for (const c of p.flags) {
      const reasons = (p.reasons && p.reasons[c]) || [];
      const features = (p.explanation && p.explanation[c]) || [];
      detail.append(el('div', { class: 'why cat-' + c },
        el('b', { text: `Why ${c}: ` }),
        reasons.length
          ? el('ul', { class: 'reasons' }, ...reasons.map(r => el('li', { class: 'reason' },
            el('span', { class: 'reason-text', text: r.text }), ' ', el('span', { class: 'share', text: share(r.share) }))))
          : el('span', { class: 'reasons', text: '(no positive reasons)' }),
        el('details', { class: 'raw' },
          el('summary', { text: 'Raw features' }),
          ...(features.length ? features.map(f => el('code', { text: `${f.feature} +${f.weight.toFixed(3)}` })) : ['(no positive features)']))));
    }
    const decision = renderDecision(doc, index, para);
    detail.append(decision.node);
    node.append(detail);
    return { node, p, decision };
  }

  function renderDecision(doc, index, para) {
    const key = index + ':' + para;
    const right = el('button', { type: 'button', class: 'btn-right', 'aria-pressed': 'false' }, el('span', { 'aria-hidden': 'true', text: '✓ ' }), 'Right');
    const wrong = el('button', { type: 'button', class: 'btn-wrong', 'aria-pressed': 'false' }, el('span', { 'aria-hidden': 'true', text: '✗ ' }), 'Wrong');
    const selectId = `label-${index}-${para}`;
    const select = el('select', { id: selectId, class: 'label-select' }, ...labels.map(l => el('option', { value: l, text: l })));
    const verdict = el('span', { class: 'verdict' });
    const node = el('div', { class: 'decision', role: 'group', 'aria-label': `Decision on paragraph ${para + 1} of ${doc.id}` },
      right, wrong, el('label', { for: selectId, text: 'Correct label' }), select, verdict);

    const paragraphNode = () => node.closest('.para');
    function show() {
      const d = decisions[key];
      right.setAttribute('aria-pressed', String(d?.verdict === 'right'));
      wrong.setAttribute('aria-pressed', String(d?.verdict === 'wrong'));
      select.disabled = d?.verdict !== 'wrong';
      select.value = d?.verdict === 'wrong' ? d.label : 'clean';
      verdict.textContent = !d ? '' : d.verdict === 'right' ? 'Marked right' : `Marked wrong: ${d.label}`;
      const li = paragraphNode();
      if (li) {
        li.classList.toggle('decided-right', d?.verdict === 'right');
        li.classList.toggle('decided-wrong', d?.verdict === 'wrong');
      }
    }
    function decide(next) {
      if (next) decisions[key] = next; else delete decisions[key];
      saveDecisions();
      show();
      updateSummary();
    }
    right.addEventListener('click', () => decide(decisions[key]?.verdict === 'right' ? null : { verdict: 'right' }));
    wrong.addEventListener('click', () => decide(decisions[key]?.verdict === 'wrong' ? null : { verdict: 'wrong', label: 'clean' }));
    select.addEventListener('change', () => decide({ verdict: 'wrong', label: select.value }));
    return { node, show };
  }

  // ---- sorting and filtering ----
  const sortControl = document.getElementById('sort');
  const categoryControl = document.getElementById('category');
  const minControl = document.getElementById('min-score');
  const minOutput = document.getElementById('min-score-value');
  for (const c of categories) categoryControl.append(el('option', { value: c, text: c }));
  minControl.value = String(data.minScore || 0);

  // A document's score: its highest probability of any category, or with a category chosen, the highest
  // score of a paragraph flagged for it (a document with none is filtered out).
  function maxScore(doc, category) {
    let best = category ? -1 : 0;
    for (const p of doc.paragraphs) {
      if (category && !p.flags.includes(category)) continue;
      for (const c of category ? [category] : categories) best = Math.max(best, p.scores[c]);
    }
    return best;
  }

  function applyView() {
    const category = categoryControl.value;
    const min = Number(minControl.value);
    minOutput.textContent = min.toFixed(2);
    const ordered = [...views];
    if (sortControl.value === 'score')
      ordered.sort((a, b) => maxScore(b.doc, category) - maxScore(a.doc, category) || a.index - b.index);
    let shown = 0;
    for (const view of ordered) {
      const visible = maxScore(view.doc, category) >= min;
      view.section.hidden = !visible;
      if (visible) shown++;
      // Flagged paragraphs outside the filter stay visible (the document reads in order) but fade.
      for (const item of view.items)
        if (item.p.flags.length)
          item.node.classList.toggle('dim', (category && !item.p.flags.includes(category)) ||
            Math.max(...(category ? [category] : item.p.flags).map(c => item.p.scores[c])) < min);
      main.append(view.section); // re-appending moves it: the DOM order follows the sort
    }
    noMatch.hidden = shown > 0;
    setStatus(`Showing ${shown} of ${views.length} documents.`);
  }

  // ---- summary, status, export ----
  const summary = document.getElementById('summary');
  const status = document.getElementById('status');
  const setStatus = text => { status.textContent = text; };

  function decidedDocuments() {
    const docs = new Set(Object.keys(decisions).map(k => Number(k.split(':')[0])));
    return [...docs].sort((a, b) => a - b);
  }

  function updateSummary() {
    const paragraphs = data.documents.reduce((n, d) => n + d.paragraphs.length, 0);
    const flagged = data.documents.reduce((n, d) => n + d.paragraphs.filter(p => p.flags.length).length, 0);
    summary.textContent = `${data.documents.length} documents, ${paragraphs} paragraphs, ${flagged} flagged by ${data.model}. ` +
      `${Object.keys(decisions).length} decisions in ${decidedDocuments().length} documents` +
      (storageWorks ? ' (saved in this browser).' : ' (this browser does not allow saving them: export before closing).');
  }

  // RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF.
  const csvField = value => /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;

  function exportCsv() {
    const rows = [['doc_id', 'para', 'text', 'label', 'weight']];
    const undecidedWeight = document.getElementById('export-undecided').checked ? '1' : '0';
    for (const index of decidedDocuments())
      data.documents[index].paragraphs.forEach((p, para) => rows.push([data.documents[index].id, String(para), p.text, labelOf(index, para),
        decisions[index + ':' + para] ? '1' : undecidedWeight]));
    if (rows.length === 1) { setStatus('Nothing to export yet: mark at least one paragraph right or wrong.'); return; }
    const csv = rows.map(row => row.map(csvField).join(',')).join('\r\n') + '\r\n';
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const base = decodeURIComponent(location.pathname.split('/').pop() || 'review').replace(/\.html?$/i, '');
    const link = el('a', { href: url, download: base + '-labels.csv', hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus(`Exported ${rows.length - 1} rows from ${decidedDocuments().length} documents.`);
  }

  function clearDecisions() {
    if (!confirm('Clear every decision on this page?')) return;
    for (const key of Object.keys(decisions)) delete decisions[key];
    saveDecisions();
    showAll();
    updateSummary();
  }

  function showAll() {
    for (const view of views) {
      for (const item of view.items) item.decision?.show();
      for (const segment of view.segments) segment.show();
    }
  }

  sortControl.addEventListener('change', applyView);
  categoryControl.addEventListener('change', applyView);
  minControl.addEventListener('input', applyView);
  document.getElementById('export').addEventListener('click', exportCsv);
  document.getElementById('clear').addEventListener('click', clearDecisions);

  applyView();
  showAll();
  document.title = `Classifier review: ${data.documents.length} documents`;
  updateSummary();
})();
