// The review page in a real headless browser (Debian's chromium): shows flags, filters, records decisions
// that survive a reload, exports a labels CSV, and `classifier train` accepts that CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshotPath = process.env.REVIEW_SCREENSHOT ?? '/tmp/review.png';
const hostile = '</script><img src=x onerror=alert(1)>';

let dir, dll, context, page;
const dialogs = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', timeout: 600_000, ...options });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}`, error: result.error };
}

// CLASSIFIER_DLL names an already built program; otherwise build Release (incremental, so cheap when current).
function classifierDll() {
  if (process.env.CLASSIFIER_DLL) return process.env.CLASSIFIER_DLL;
  const built = path.join(repo, 'src/Classifier.Cli/bin/Release/net10.0/classifier.dll');
  const build = run('dotnet', ['build', 'src/Classifier.Cli', '-c', 'Release', '--nologo', '-v', 'q']);
  if (build.status !== 0) {
    // Another change may break the build for a while: an earlier build that has the review verb still tests the page.
    const usable = existsSync(built) && run('dotnet', [built, 'review', '--help']).status === 0;
    assert.ok(usable, `build failed and no earlier Release build has the review verb:\n${build.out}`);
    console.error(`# build failed; testing the existing ${built}`);
  }
  return built;
}

const classifier = (...args) => run('dotnet', [dll, ...args]);

// A small RFC 4180 reader, to check what the page exports independently of the C# reader.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert.ok(field === '' && row.length === 0, 'the CSV must end with CRLF');
  return rows;
}

// Enough labelled documents that training sees every class; modelled on the C# train tests' data.
function extraLabels() {
  const clean = ['The council voted on Tuesday to approve the new budget for schools.',
    'Officials said the bridge repairs would finish by the end of the year.',
    'The hospital hired twelve nurses to cover night shifts this winter.'];
  const spam = ['Click here to grab 60% off today only with code SAVE60!', 'Buy cheap watches now, limited offer, free shipping worldwide!'];
  const filler = ['Tags: politics, economy, world', 'Share this article on Facebook | Twitter | Email'];
  const lines = ['doc_id,para,text,label'];
  for (let d = 0; d < 8; d++) {
    const rows = [[`Headline number ${d} about local news`, 'clean'], [clean[d % 3], 'clean'], [spam[d % 2], 'spam'],
      ["They don't want you to know the truth. Do your own research.", 'conspiracy'], [filler[d % 2], 'filler'],
      ['Meanwhile, the best sourdough starter needs rye flour and patience.', 'off_topic']];
    rows.forEach(([text, label], p) => lines.push(`extra/doc-${d},${p},"${text.replace(/"/g, '""')}",${label}`));
  }
  return lines.join('\n') + '\n';
}

const documents = [
  { id: 'news/ferry', paragraphs: [
    'Council approves ferry timetable',
    'The council voted 7-2 on Tuesday to approve the new ferry timetable, officials said.',
    'Click here to grab 60% off today only with code SAVE60! Subscribe now and buy cheap watches, free shipping!',
    'The new timetable adds two sailings, a "late" boat at 23:10,\nand a Sunday service.',
    hostile,
    'Tags: ferries, council, transport',
  ] },
  { id: 'news/truth', paragraphs: [
    'Water board publishes annual report',
    'The board said supply met demand on all but three days of the summer.',
    "They don't want you to know the truth about the water. Do your own research before it's too late.",
    'Share this article on Facebook | Twitter | Email',
  ] },
  { id: 'news/plain', paragraphs: ['Library extends opening hours', 'The central library will open until 8 pm on weekdays from March.'] },
  // A flood report with a how-to guide on another subject pasted after it: one off-topic segment to judge at once.
  JSON.parse(readFileSync(path.join(repo, 'data/samples/pasted-guide.jsonl'), 'utf8')),
];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'review-browser-'));
  dll = classifierDll();
  writeFileSync(path.join(dir, 'docs.jsonl'), documents.map(d => JSON.stringify(d)).join('\n') + '\n');
  const review = classifier('review', path.join(dir, 'docs.jsonl'), '--output', path.join(dir, 'review.html'));
  assert.equal(review.status, 0, review.out);

  // A fresh profile each run: no saved decisions, no state from other runs.
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('dialog', dialog => { dialogs.push(dialog.message()); dialog.dismiss(); });
  page.on('pageerror', error => dialogs.push('page error: ' + error.message));
  await page.goto(pathToFileURL(path.join(dir, 'review.html')).href);
});

after(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pageData = () => page.evaluate(() => JSON.parse(document.getElementById('review-data').textContent));
const paragraph = (doc, para) => page.locator(`li.para[data-doc="${doc}"][data-para="${para}"]`);

test('every paragraph is shown in order, flagged ones highlighted with scores and reasons', async () => {
  await page.locator('li.para').first().waitFor();
  assert.equal(await page.locator('section.doc').count(), documents.length);
  for (const [index, doc] of documents.entries())
    assert.deepEqual(await page.locator(`li.para[data-doc="${index}"] .text`).allTextContents(), doc.paragraphs);

  const data = await pageData();
  const flagged = data.documents.flatMap((d, doc) => d.paragraphs.map((p, para) => ({ doc, para, p }))).filter(x => x.p.flags.length);
  assert.ok(flagged.length >= 2, 'the sample should raise at least two flags');
  assert.equal(await page.locator('li.para.flagged').count(), flagged.length);
  for (const { doc, para, p } of flagged) {
    const chips = await paragraph(doc, para).locator('.chip').allTextContents();
    assert.deepEqual(chips.map(c => c.split(' ')[0]), p.flags);
    assert.equal(await paragraph(doc, para).locator('.why').count(), p.flags.length);
  }
});

test('a flagged paragraph shows its top reasons in plain words with shares; the raw features stay hidden until toggled', async () => {
  const data = await pageData();
  const flagged = data.documents.flatMap((d, doc) => d.paragraphs.map((p, para) => ({ doc, para, p }))).filter(x => x.p.flags.length);
  const raw = /signal:|word:"|chars:"|meaning:|=[0-9]/;
  for (const { doc, para, p } of flagged) {
    for (const [index, c] of p.flags.entries()) {
      const why = paragraph(doc, para).locator('.why').nth(index);
      const reasons = why.locator('.reason');
      const expected = p.reasons[c];
      assert.ok(expected.length >= 1 && expected.length <= 3, `${doc}:${para} ${c}: ${expected.length} reasons`);
      assert.equal(await reasons.count(), expected.length);
      for (const [r, reason] of expected.entries()) {
        assert.doesNotMatch(reason.text, raw, 'a plain reason names no raw feature');
        assert.ok(await reasons.nth(r).isVisible());
        assert.equal(await reasons.nth(r).locator('.reason-text').textContent(), reason.text);
        assert.equal(await reasons.nth(r).locator('.share').textContent(), `${Math.round(reason.share * 100)}%`);
      }
      // The raw view: behind a toggle, closed at first, open on a click.
      const code = why.locator('details.raw code');
      assert.equal(await code.count(), p.explanation[c].length);
      assert.equal(await code.first().isVisible(), false, 'raw features are hidden until toggled');
      await why.locator('details.raw summary').click();
      assert.ok(await code.first().isVisible());
      assert.match(await code.first().textContent(), raw);
      await why.locator('details.raw summary').click();
      assert.equal(await code.first().isVisible(), false);
    }
  }
  // The tag line is filler that starts like a template line, and the page says so quoting it.
  const tags = paragraph(0, 5);
  assert.deepEqual((await pageData()).documents[0].paragraphs[5].flags, ['filler']);
  assert.ok((await tags.locator('.reason-text').allTextContents()).includes("starts like a template line: 'Tags:'"),
    (await tags.locator('.reason-text').allTextContents()).join(' | '));
});

test('hostile text is shown as text and runs nothing', async () => {
  assert.equal(await paragraph(0, 4).locator('.text').textContent(), hostile);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(dialogs, []);
});

test('filtering by category shows only documents with that flag', async () => {
  const data = await pageData();
  const counts = data.categories.map(c => [c, data.documents.filter(d => d.paragraphs.some(p => p.flags.includes(c))).length]);
  const [category, expected] = counts.filter(([, n]) => n > 0).sort((a, b) => a[1] - b[1])[0];
  assert.ok(expected < documents.length, 'some document should lack the chosen flag');

  await page.getByLabel('Category').selectOption(category);
  const visible = page.locator('section.doc:not([hidden])');
  assert.equal(await visible.count(), expected);
  for (const section of await visible.all())
    assert.ok(await section.locator(`li.para.flagged .chip.cat-${category}`).count() > 0);
  assert.match(await page.locator('#status').textContent(), new RegExp(`Showing ${expected} of ${documents.length}`));

  await page.getByLabel('Minimum score').fill('1');
  assert.equal(await visible.count(), 0);
  await page.getByLabel('Minimum score').fill('0');
  await page.getByLabel('Category').selectOption('');
  assert.equal(await visible.count(), documents.length);
});

test('decisions are recorded, survive a reload and export as a labels CSV that train accepts', async () => {
  const data = await pageData();
  const flagged = data.documents.flatMap((d, doc) => d.paragraphs.map((p, para) => ({ doc, para, p }))).filter(x => x.p.flags.length);
  const wrong = flagged[0];
  const right = flagged.find(x => x.doc !== wrong.doc) ?? flagged[1];

  // Wrong by mouse, then the correct label; right from the keyboard.
  await paragraph(wrong.doc, wrong.para).getByRole('button', { name: 'Wrong' }).click();
  await paragraph(wrong.doc, wrong.para).getByLabel('Correct label').selectOption('clean');
  await paragraph(right.doc, right.para).getByRole('button', { name: 'Right' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await paragraph(right.doc, right.para).getByRole('button', { name: 'Right' }).getAttribute('aria-pressed'), 'true');

  await page.reload();
  await page.locator('li.para').first().waitFor();
  assert.equal(await paragraph(wrong.doc, wrong.para).getByRole('button', { name: 'Wrong' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await paragraph(wrong.doc, wrong.para).getByLabel('Correct label').inputValue(), 'clean');
  assert.equal(await paragraph(right.doc, right.para).getByRole('button', { name: 'Right' }).getAttribute('aria-pressed'), 'true');
  await page.evaluate(() => window.scrollTo(0, 0)); // the reload restores focus and scroll; the sticky header belongs on top
  await page.screenshot({ path: screenshotPath, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export labels CSV' }).click()]);
  const csvPath = path.join(dir, 'decisions.csv');
  await download.saveAs(csvPath);
  assert.equal(download.suggestedFilename(), 'review-labels.csv');

  // Every paragraph of each decided document; corrections applied, everything else keeps the model's flags, and only
  // the decided paragraphs carry weight: the model's own guesses are context, not labels.
  const rows = parseCsv(readFileSync(csvPath, 'utf8'));
  assert.deepEqual(rows[0], ['doc_id', 'para', 'text', 'label', 'weight']);
  const decidedDocs = [...new Set([wrong.doc, right.doc])].sort();
  const decided = (doc, para) => (doc === wrong.doc && para === wrong.para) || (doc === right.doc && para === right.para);
  const expected = decidedDocs.flatMap(doc => data.documents[doc].paragraphs.map((p, para) => [data.documents[doc].id, String(para), p.text,
    doc === wrong.doc && para === wrong.para ? 'clean' : p.flags.length ? p.flags.join(';') : 'clean', decided(doc, para) ? '1' : '0']));
  assert.deepEqual(rows.slice(1), expected);

  const extra = path.join(dir, 'extra.csv');
  writeFileSync(extra, extraLabels());
  const model = path.join(dir, 'retrained.lqcm');
  const train = classifier('train', '--data', csvPath, extra, '--output', model, '--spliced', '10');
  assert.equal(train.status, 0, train.out);
  assert.ok(existsSync(model), 'train wrote no model');
});

test('a flagged segment is one block with its reason, accepted at once, and every paragraph of it exports', async () => {
  const data = await pageData();
  const index = documents.findIndex(d => d.id === 'news/flood-with-guide');
  const [segment] = data.documents[index].segments;
  assert.ok(segment, 'the pasted guide should be flagged as an off-topic segment');
  assert.ok(segment.start >= 7 && segment.end - segment.start >= 5, `segment ${segment.start}-${segment.end} should cover most of the guide`);

  const block = page.locator(`li.segment[data-doc="${index}"]`);
  assert.equal(await block.count(), 1);
  assert.equal(await block.locator('li.para').count(), segment.end - segment.start);
  assert.match(await block.locator('.segment-head').textContent(), new RegExp(`^Paragraphs ${segment.start + 1}-${segment.end}: one topic, mostly flagged off_topic: similarity to the title -?[0-9.]+, to the lead`));

  await block.getByRole('button', { name: 'Accept segment as off_topic' }).click();
  assert.match(await block.locator('.verdict').first().textContent(), new RegExp(`${segment.end - segment.start} of ${segment.end - segment.start} paragraphs decided`));
  await page.reload();
  await block.waitFor();
  assert.match(await block.locator('.verdict').first().textContent(), new RegExp(`${segment.end - segment.start} of ${segment.end - segment.start}`));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export labels CSV' }).click()]);
  const csvPath = path.join(dir, 'segment.csv');
  await download.saveAs(csvPath);
  const rows = parseCsv(readFileSync(csvPath, 'utf8')).filter(r => r[0] === 'news/flood-with-guide');
  assert.equal(rows.length, documents[index].paragraphs.length);
  for (const [, para, , label, weight] of rows) {
    const inside = Number(para) >= segment.start && Number(para) < segment.end;
    if (inside) assert.ok(label.split(';').includes('off_topic') && weight === '1', `paragraph ${para}: ${label} ${weight}`);
    else assert.equal(weight, '0', `paragraph ${para} outside the segment is undecided`);
  }
});
