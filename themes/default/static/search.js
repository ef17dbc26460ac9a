// The search page's client: reads the index that `newsdigest build` writes
// under search/ (its format is the doc comment of internal/search), fetching
// only the pieces a query needs. Plain JavaScript, no dependencies, no build
// step. The page works without it: the form is a plain GET form, and a
// <noscript> message says what needs the script.
"use strict";
(() => {
  const root = document.getElementById("search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.elements.q;
  const topicSel = form.elements.topic;
  const fromSel = form.elements.from;
  const toSel = form.elements.to;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const manifestURL = new URL(root.dataset.index, location.href);

  const PAGE = 10;        // results shown per step
  const EXPAND = 12;      // words a prefix may stand for
  const K1 = 1.2, STEPS = 63, TITLE = 1.0, RECENCY = 0.3;
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  const enc = new TextEncoder(), dec = new TextDecoder();

  // fold is the index's folding: lower case, no diacritics, no apostrophes.
  const fold = (w) => w.normalize("NFD").toLowerCase().replace(/[\p{M}'’]/gu, "");
  const wordsOf = (text) => (text.match(WORD) || []).map(fold).filter((w) => w && enc.encode(w).length <= 40);

  let index = null;       // {m, dir, firsts, stop:Set, shards:Map, files:Map}
  let waited = 0;         // ms spent waiting for the network in this query

  async function timed(promise) {
    const t = performance.now();
    try { return await promise; } finally { waited += performance.now() - t; }
  }

  async function get(url, kind) {
    const r = await fetch(url, kind === "manifest" ? { cache: "no-cache" } : {});
    if (!r.ok) throw new Error(`${url.pathname}: ${r.status} ${r.statusText}`);
    return kind === "bytes" ? new Uint8Array(await r.arrayBuffer()) : r.json();
  }

  async function open() {
    const m = await timed(get(manifestURL, "manifest"));
    return {
      m, dir: new URL(m.version + "/", manifestURL),
      firsts: m.shards.map((k) => enc.encode(k)),
      stop: new Set(m.stop || []),
      files: new Map(),   // path → Promise of bytes or JSON
      shards: new Map(),  // n → Promise of parsed shard
    };
  }

  function file(path, kind) {
    if (!index.files.has(path)) {
      const p = get(new URL(path, index.dir), kind);
      p.catch(() => index.files.delete(path));
      index.files.set(path, p);
    }
    return timed(index.files.get(path));
  }

  const compare = (a, b) => {
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };

  // shardOf is the shard whose keys include key: the last that starts at
  // or before it.
  function shardOf(keyBytes) {
    let lo = 0, hi = index.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (compare(index.firsts[mid], keyBytes) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function reader(buf) {
    let i = 0;
    const uv = () => {
      let v = 0, s = 0, c;
      do { c = buf[i++]; v += (c & 127) * 2 ** s; s += 7; } while (c & 128);
      return v;
    };
    const take = (n) => buf.subarray(i, (i += n));
    return { uv, take, get at() { return i; } };
  }

  function shard(n) {
    if (!index.shards.has(n)) {
      index.shards.set(n, file(`t/${n}.bin`, "bytes").then((buf) => parseShard(n, buf)));
    }
    return index.shards.get(n);
  }

  function parseShard(n, buf) {
    const r = reader(buf);
    const count = r.uv();
    const keys = [], entries = new Map(), forms = new Map();
    let prev = new Uint8Array(0);
    for (let k = 0; k < count; k++) {
      const shared = r.uv(), rest = r.take(r.uv());
      const kb = new Uint8Array(shared + rest.length);
      kb.set(prev.subarray(0, shared)); kb.set(rest, shared);
      prev = kb;
      const key = dec.decode(kb), flags = r.uv(), e = { key, shard: n };
      if (flags & 4) e.alias = dec.decode(r.take(r.uv()));
      if (flags & 1) {
        e.df = r.uv();
        if (flags & 2) e.own = r.uv(); else e.post = r.take(r.uv());
        if (flags & 8) {
          e.hasPos = true;
          if (!(flags & 2)) { e.posOff = r.uv(); e.posLen = r.uv(); }
        }
      }
      keys.push(key);
      entries.set(key, e);
      const stem = e.alias || key;
      if (!forms.has(stem)) forms.set(stem, []);
      forms.get(stem).push(key);
    }
    return { keys, entries, forms };
  }

  async function entry(key) {
    const s = await shard(shardOf(enc.encode(key)));
    return s.entries.get(key);
  }

  // term finds the postings entry of a word as written: its own, or its
  // stem's.
  async function term(word) {
    let e = await entry(word);
    if (e && e.alias) e = await entry(e.alias);
    return e && e.df ? e : null;
  }

  // prefixTerms lists the stems of the words that start with p, most
  // used first, the word itself leading when it is one.
  async function prefixTerms(p) {
    const pb = enc.encode(p);
    let n = shardOf(pb);
    const stems = new Set();
    for (let hops = 0; n < index.firsts.length && hops < 3; n++, hops++) {
      if (hops > 0 && !index.m.shards[n].startsWith(p)) break;
      const s = await shard(n);
      for (const key of s.keys) {
        if (key.startsWith(p)) stems.add(s.entries.get(key).alias || key);
      }
    }
    const found = [];
    for (const stem of stems) {
      const e = await entry(stem);
      if (e && e.df) found.push(e);
    }
    const exact = await term(p);
    found.sort((a, b) => (exact && b.key === exact.key) - (exact && a.key === exact.key) || b.df - a.df);
    return found.slice(0, EXPAND);
  }

  async function postings(e) {
    if (!e.ids) {
      const buf = e.post || (await file(`p/${e.own}.bin`, "bytes"));
      const r = reader(buf), ids = new Uint32Array(e.df), imp = new Uint8Array(e.df);
      let id = 0;
      for (let k = 0; k < e.df; k++) {
        const d = r.uv();
        id = k ? id + d : d;
        ids[k] = id;
        imp[k] = buf[r.at];
        r.take(1);
      }
      e.ids = ids; e.imp = imp;
    }
    return e;
  }

  // positions returns a function from doc id to the term's positions in it.
  async function positions(e) {
    const buf = e.own !== undefined ? await file(`p/${e.own}.pos`, "bytes")
      : (await file(`t/${e.shard}.pos`, "bytes")).subarray(e.posOff, e.posOff + e.posLen);
    const r = reader(buf), byDoc = new Map();
    for (let k = 0; k < e.df; k++) {
      const n = r.uv(), ps = new Array(n);
      let p = 0;
      for (let j = 0; j < n; j++) { p += r.uv(); ps[j] = p; }
      byDoc.set(e.ids[k], new Set(ps));
    }
    return (id) => byDoc.get(id) || new Set();
  }

  const idf = (df) => Math.log(1 + (index.m.docs - df + 0.5) / (df + 0.5));
  const weight = (imp) => ((imp >> 1) / STEPS) * (K1 + 1) * (imp & 1 ? 1 + TITLE : 1);

  // parse reads a query: quoted phrases, words, and the last word as a
  // prefix while it is being typed.
  function parse(q) {
    const clauses = [];
    const parts = q.split('"');
    parts.forEach((part, i) => {
      const words = wordsOf(part);
      if (i % 2 === 1 && words.length > 1) clauses.push({ phrase: words });
      else for (const w of words) clauses.push({ word: w });
    });
    const last = clauses[clauses.length - 1];
    if (last && last.word && parts.length % 2 === 1 && /[\p{L}\p{N}\p{M}]$/u.test(q)) last.prefix = true;
    return clauses.filter((c) => !(c.word && index.stop.has(c.word) && !c.prefix));
  }

  // score gives a clause's weight in each doc it matches, as a Map.
  async function score(c, marks) {
    if (c.phrase) return phrase(c, marks);
    const es = c.prefix && c.word.length > 1 ? await prefixTerms(c.word) : [await term(c.word)].filter(Boolean);
    if (c.prefix) marks.prefixes.push(c.word);
    const out = new Map();
    for (const e of es) {
      await postings(e);
      marks.stems.add(e.key);
      const f = idf(e.df) * (e.key === c.word || !c.prefix ? 1 : 0.8);
      for (let k = 0; k < e.df; k++) {
        const w = f * weight(e.imp[k]), id = e.ids[k];
        if (!(out.get(id) >= w)) out.set(id, w);
      }
    }
    return out;
  }

  async function phrase(c, marks) {
    const terms = [];
    for (let at = 0; at < c.phrase.length; at++) {
      const w = c.phrase[at];
      if (index.stop.has(w)) continue;
      const e = await term(w);
      if (!e) return new Map();
      await postings(e);
      marks.stems.add(e.key);
      terms.push({ e, at });
    }
    if (!terms.length) return new Map();
    let out = null;
    for (const { e } of terms) {
      const next = new Map(), f = idf(e.df);
      for (let k = 0; k < e.df; k++) {
        const id = e.ids[k];
        if (!out || out.has(id)) next.set(id, (out ? out.get(id) : 0) + f * weight(e.imp[k]));
      }
      out = next;
    }
    // Words of more than posMaxDF docs keep no positions: they match
    // anywhere, and the others must stand at their distances.
    const placed = [];
    for (const t of terms) if (t.e.hasPos) placed.push({ at: t.at, of: await positions(t.e) });
    if (placed.length < 2) return out;
    for (const id of [...out.keys()]) {
      const [first, ...rest] = placed;
      let ok = false;
      for (const p of first.of(id)) {
        if (rest.every((t) => t.of(id).has(p + t.at - first.at))) { ok = true; break; }
      }
      if (!ok) out.delete(id);
    }
    return out;
  }

  // range is the doc ids [lo, hi) of the chosen months.
  function range() {
    const ms = index.m.months;
    let lo = 0, hi = index.m.docs;
    const at = (v) => ms.findIndex((m) => m.month === v);
    let to = at(toSel.value), from = at(fromSel.value);
    if (to >= 0 && from >= 0 && to > from) [to, from] = [from, to];
    if (to >= 0) lo = ms[to].first;
    if (from >= 0 && from + 1 < ms.length) hi = ms[from + 1].first;
    return [lo, hi];
  }

  function recency(id) {
    const ms = index.m.months;
    let lo = 0, hi = ms.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ms[mid].first <= id) lo = mid; else hi = mid - 1;
    }
    return 1 + RECENCY * 0.5 ** (lo / 12);
  }

  async function search(q, shown) {
    const clauses = parse(q);
    const marks = { stems: new Set(), prefixes: [] };
    if (!clauses.length) return { total: 0, top: [], marks, empty: wordsOf(q).length > 0 };
    let docs = null;
    for (const c of clauses) {
      const s = await score(c, marks);
      if (!docs) docs = s;
      else {
        const next = new Map();
        for (const [id, w] of docs) if (s.has(id)) next.set(id, w + s.get(id));
        docs = next;
      }
      if (!docs.size) break;
    }
    let allowed = null;
    if (topicSel.value) {
      const e = await entry("#" + topicSel.value);
      allowed = new Set(e && e.df ? (await postings(e)).ids : []);
    }
    const [lo, hi] = range();
    // The best `shown` docs, kept sorted, without sorting every match.
    const top = [];
    let total = 0;
    for (const [id, w] of docs) {
      if (id < lo || id >= hi || (allowed && !allowed.has(id))) continue;
      total++;
      const s = w * recency(id);
      if (top.length === shown && s <= top[shown - 1].s) continue;
      let i = top.length;
      while (i > 0 && (top[i - 1].s < s || (top[i - 1].s === s && top[i - 1].id > id))) i--;
      top.splice(i, 0, { id, s });
      if (top.length > shown) top.pop();
    }
    return { total, top, marks };
  }

  async function records(ids) {
    const size = index.m.chunk, out = new Map();
    await Promise.all([...new Set(ids.map((id) => Math.floor(id / size)))].map(async (n) => {
      const recs = await file(`r/${n}.json`, "json");
      recs.forEach((r, i) => out.set(n * size + i, r));
    }));
    return ids.map((id) => out.get(id));
  }

  // highlight writes text into el, marking the words the query matched.
  function highlight(el, text, marks) {
    let at = 0;
    for (const m of text.matchAll(WORD)) {
      const w = fold(m[0]);
      if (!marked(w, marks)) continue;
      el.append(text.slice(at, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      el.append(mark);
      at = m.index + m[0].length;
    }
    el.append(text.slice(at));
  }

  function marked(w, marks) {
    return marks.forms.has(w) || marks.prefixes.some((p) => w.startsWith(p));
  }

  // forms lists the words as written that the matched stems stand for,
  // from the shards already read.
  async function forms(marks) {
    marks.forms = new Set(marks.stems);
    for (const p of index.shards.values()) {
      const s = await p.catch(() => null);
      if (!s) continue;
      for (const stem of marks.stems) for (const f of s.forms.get(stem) || []) marks.forms.add(f);
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(res, recs, q) {
    list.replaceChildren();
    const byStory = new Map();
    recs.forEach((r) => {
      if (r.g && byStory.has(r.g)) {
        const also = byStory.get(r.g);
        const li = el("li");
        const a = el("a"); a.href = r.u; highlight(a, r.t, res.marks);
        li.append(a, ` — ${[r.s, r.d].filter(Boolean).join(", ")}`);
        also.append(li);
        return;
      }
      const li = el("li", "search-result");
      const h = el("h2"), a = el("a");
      a.href = r.u; highlight(a, r.t, res.marks); h.append(a);
      const meta = el("p", "meta");
      const time = el("time", "", new Date(r.d + "T12:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }));
      time.dateTime = r.d;
      meta.append(time, ` · ${r.p}`, r.s ? ` · ${r.s}` : "");
      li.append(h, meta);
      if (r.e) { const p = el("p", "excerpt"); highlight(p, r.e, res.marks); li.append(p); }
      if (r.g) {
        const p = el("p", "story-link"), sa = el("a", "", `All ${r.n} reports of this story`);
        sa.href = r.g; p.append(sa);
        const also = el("ul", "also");
        also.setAttribute("aria-label", "Other reports of this story");
        li.append(p, also);
        byStory.set(r.g, also);
      }
      list.append(li);
    });
    for (const ul of list.querySelectorAll("ul.also")) if (!ul.children.length) ul.remove();
    const n = res.total;
    status.textContent = n === 0 ? `No results for “${q}”.`
      : `${n.toLocaleString("en")} ${n === 1 ? "result" : "results"} for “${q}”${n > recs.length ? `, the best ${recs.length} shown` : ""}.`;
    more.hidden = n <= recs.length;
  }

  let run = 0, shown = PAGE;
  async function update(keepShown) {
    const q = input.value.trim(), mine = ++run;
    if (!keepShown) shown = PAGE;
    syncURL(q);
    root.dataset.state = "busy";
    const t0 = performance.now();
    waited = 0;
    try {
      index = index || (await open());
      fillMonths();
      if (!q) {
        list.replaceChildren(); status.textContent = ""; more.hidden = true;
        root.dataset.state = "idle";
        return;
      }
      let res;
      try {
        res = await search(q, shown);
      } catch (err) {
        // A new build may have replaced the index under this page: read
        // the manifest again once.
        index = await open();
        res = await search(q, shown);
      }
      const recs = await records(res.top.map((t) => t.id));
      await forms(res.marks);
      if (mine !== run) return;
      if (res.empty) {
        list.replaceChildren(); more.hidden = true;
        status.textContent = `“${q}” holds only words too common to search for.`;
      } else render(res, recs, q);
      root.dataset.state = "done";
      root.dataset.query = q;
      root.dataset.computeMs = (performance.now() - t0 - waited).toFixed(1);
      root.dataset.totalMs = (performance.now() - t0).toFixed(1);
    } catch (err) {
      if (mine !== run) return;
      status.textContent = `Search failed: ${err.message}`;
      root.dataset.state = "error";
    }
  }

  function syncURL(q) {
    const u = new URL(location.href);
    for (const [k, v] of [["q", q], ["topic", topicSel.value], ["from", fromSel.value], ["to", toSel.value]]) {
      if (v) u.searchParams.set(k, v); else u.searchParams.delete(k);
    }
    history.replaceState(null, "", u);
  }

  let filled = false;
  function fillMonths() {
    if (filled) return;
    filled = true;
    const params = new URLSearchParams(location.search);
    for (const sel of [fromSel, toSel]) {
      for (const m of index.m.months) {
        const d = new Date(m.month + "-01T00:00:00Z");
        sel.append(new Option(d.toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" }), m.month));
      }
      sel.value = params.get(sel.name) || "";
    }
  }

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 120); });
  for (const s of [topicSel, fromSel, toSel]) s.addEventListener("change", () => update());
  form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); update(); });
  more.addEventListener("click", () => { shown += PAGE; update(true); });

  // Arrow keys move between the field and the results' links; Escape
  // goes back to the field.
  root.addEventListener("keydown", (ev) => {
    const links = [...list.querySelectorAll("h2 a")];
    const i = links.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && (document.activeElement === input || i >= 0)) {
      const next = links[i + 1];
      if (next) { next.focus(); ev.preventDefault(); }
    } else if (ev.key === "ArrowUp" && i >= 0) {
      (i > 0 ? links[i - 1] : input).focus();
      ev.preventDefault();
    } else if (ev.key === "Escape" && i >= 0) {
      input.focus();
    }
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (params.get("topic")) topicSel.value = params.get("topic");
  update();
})();
