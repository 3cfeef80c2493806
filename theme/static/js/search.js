// The search page (/tim-kiem/): reads ?q=, ?chuyen-muc=, ?sap-xep= from the URL, searches
// the Pagefind shards built with the site as the reader types, and keeps the URL in step
// so links and bookmarks reproduce the search. No other host is contacted.
// Shards hold the newest articles first (150, then 300, 600, ...): a word query
// searches the newest alone, and "Xem thêm kết quả" past its last result goes on into
// the next older one.

import { key } from "./search/fold.js";
import { plan } from "./search/query.js";
import { el, resultItem } from "./search/render.js";

const config = JSON.parse(document.getElementById("search-config").textContent || "{}");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const categorySelect = document.getElementById("search-category");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const fields = config.fields;
const rules = config.numbers || { words: {}, codes: {} };

const shards = config.shards;
// A query that finds nothing goes back this many shards on its own (150 + 300 + 600
// articles by default), and as many more each time the reader asks: a typo would
// otherwise load every shard (3.3 MB at 10,000 articles).
const SHARDS_PER_STEP = 3;

let searchId = 0;
let timer = null;
let preloaded = "";
// One Pagefind module (the newest shard's pagefind.js) and one instance per shard: the
// instances share the module's Web Worker, which runs one search at a time.
let pagefind = null;
const instances = new Map();

// Shard `i`, newest articles first; loaded when first searched.
function loadShard(i) {
  if (!instances.has(i)) {
    const loading = (async () => {
      pagefind ??= import(`${shards[0].path}pagefind.js`);
      const pf = (await pagefind).createInstance({ basePath: shards[i].path });
      await pf.options({ ranking: config.ranking, excerptLength: 30 });
      // The index's table of contents and the WebAssembly come before the query.
      await pf.init();
      return pf;
    })();
    // A failed load (a network error) is tried again at the next search.
    loading.catch(() => {
      instances.delete(i);
      pagefind = null;
    });
    instances.set(i, loading);
  }
  return instances.get(i);
}

function readState() {
  const params = new URLSearchParams(location.search);
  return {
    q: params.get("q") || "",
    category: params.get("chuyen-muc") || "",
    sort: params.get("sap-xep") === "moi-nhat" ? "moi-nhat" : "",
  };
}

function formState() {
  return { q: input.value, category: categorySelect.value, sort: sortSelect.value };
}

function writeUrl(state) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  if (state.category) params.set("chuyen-muc", state.category);
  if (state.sort) params.set("sap-xep", state.sort);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function say(text) {
  status.textContent = text;
}

// The pages of `found` not yet in `seen` (later queries of a plan add only new pages).
function fresh(found, seen) {
  return found.results.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

function numberPattern(token) {
  const number = token.match(/^\d+/)[0];
  return new RegExp(`(?<![\\p{N}])${number}(?:\\s*[-\\u2010-\\u2015\\u2212/]\\s*[\\p{L}\\p{N}]+)+`, "gu");
}

// A number query's answer from the small files of `pagefind-van-ban/`, no shard searched:
// the documents its token names ("208qd" -> Quy định số 208-QĐ/TW), then the articles
// citing them, newest first, in pages ("Xem thêm kết quả" fetches the next file).
// Shaped like Pagefind results ({id, data()}) for the renderer.
async function numberAnswer(token, categoryName) {
  const number = token.match(/^\d+/)[0];
  const response = await fetch(`${config.documents}${number}.json`);
  const entries = response.ok ? (await response.json()).filter((e) => e.tokens.some((t) => t.startsWith(token))) : [];
  const seen = new Set();
  const articles = (list) =>
    list
      .filter((a) => (!categoryName || a.category === categoryName) && !seen.has(a.url) && seen.add(a.url))
      .sort((a, b) => (a.iso < b.iso ? 1 : a.iso > b.iso ? -1 : 0))
      .map((a) => ({
        id: a.url,
        data: async () => ({
          url: a.url,
          meta: { title: a.title },
          filters: { [fields.date]: [a.date], ...(a.category ? { [fields.category]: [a.category] } : {}) },
          plain_excerpt: a.sentence,
          content: a.sentence,
        }),
      }));
  const documents = entries.map((e) => ({
    id: `van-ban:${e.url}`,
    data: async () => ({
      url: e.url,
      meta: { title: e.label },
      filters: { [fields.link]: [e.url] },
      plain_excerpt: e.subject,
      content: `${e.label}. ${e.subject}`,
    }),
  }));
  const pending = entries.map((e) => [...e.more]);
  const next = async () => {
    // The next file of every document with more citing articles.
    const names = pending.flatMap((files) => (files.length ? [files.shift()] : []));
    const lists = await Promise.all(
      names.map(async (name) => {
        const r = await fetch(`${config.documents}${name}`);
        return r.ok ? r.json() : [];
      }),
    );
    return articles(lists.flat());
  };
  return {
    documents,
    tokens: entries.map((e) => e.tokens[0]), // every article citing a document has them all
    found: [...documents, ...articles(entries.flatMap((e) => e.articles))],
    total: categoryName ? null : entries.length + entries.reduce((sum, e) => sum + e.citing, 0),
    next,
    done: () => pending.every((files) => !files.length),
  };
}

// The dates shards 0..count-1 span, as said in the status line (one shard: none needed).
function span(count) {
  if (shards.length < 2) return "";
  const newest = shards[0].newest;
  const oldest = shards[count - 1].oldest;
  return newest === oldest ? ` trong các tin ngày ${newest}` : ` trong các tin từ ${oldest} đến ${newest}`;
}

// The results of shard `i` for `queries` in order (a query finding nothing may fall back).
async function searchShard(i, p, queries, opts, seen = new Set()) {
  const pf = await loadShard(i);
  const out = [];
  // Each question put to Pagefind leaves a performance mark (for tests and benchmarks).
  const ask = (query) => {
    performance.mark("pagefind-search", { detail: { shard: i, query } });
    return pf.search(query, opts);
  };
  for (const [k, query] of queries.entries()) {
    let found = fresh(await ask(query), seen);
    if (k === 0 && !found.length && p.fallback) found = fresh(await ask(p.fallback), seen);
    out.push(...found);
  }
  return out;
}

async function run(state, id) {
  const p = plan(state.q, rules);
  if (!p) {
    results.replaceChildren();
    results.setAttribute("aria-busy", "false");
    say("");
    return;
  }
  performance.mark("search-start", { detail: state.q }); // what the reader sees searched
  say("Đang tìm…");
  results.setAttribute("aria-busy", "true");
  const categoryName = config.categories[state.category];
  const filters = categoryName ? { [fields.category]: categoryName } : {};
  const sort = state.sort ? { [fields.sort]: "desc" } : {};
  let opts = { filters, sort };
  let queries = p.queries;
  const count = shards.length;
  // Shards are searched one at a time, newest first; `next` is the next to search.
  let next = 0;
  let found;
  let documentCount = 0; // the documents' pages, shown on top of a full page of articles
  // A query with đ: the folded query's pages ("dương" for "đường") come after the ones
  // as typed, and only when needed (they would fetch the index of other words).
  let rest = queries.slice(1);
  const newest = new Set();
  let answer = null;
  if (p.kind === "number" && !p.terms.length) {
    // A document number alone: its documents and citing articles from its small file.
    // None there: no article cites it, and no article has its token either (both come
    // from the linker), so Pagefind is not asked: it would answer with any word that
    // starts like the token ("113kltw" -> "11/12/2023").
    answer = await numberAnswer(p.number, categoryName);
  }
  if (answer) {
    found = answer.found;
    documentCount = answer.documents.length;
    next = count;
  } else {
    // Words, newest shard first. A number with other words ("208-QĐ/TW trung tâm"): the
    // pages of the documents it names, then the words among the articles citing them.
    let documents = [];
    if (p.kind === "number") {
      const named = await numberAnswer(p.number, categoryName);
      documents = named.documents;
      queries = [p.terms.join(" ")];
      opts = { sort, filters: { ...filters, [fields.cited]: { any: named.tokens } } };
    }
    documentCount = documents.length;
    found = [];
    if (p.kind === "number" && !documents.length) next = count; // no article cites it
    if (next < count) {
      found = await searchShard(0, p, [queries[0]], opts, newest);
      next = 1;
      if (found.length < config.pageSize && rest.length) {
        found.push(...(await searchShard(0, p, rest, opts, newest)));
        rest = [];
      }
      // A newest shard of only a few articles (shards are cut where their articles say):
      // the next ones too, until they hold config.firstArticles.
      let covered = shards[0].articles;
      while (found.length < config.pageSize && covered < config.firstArticles && next < count) {
        found.push(...(await searchShard(next, p, queries, opts)));
        covered += shards[next++].articles;
      }
      // Nothing in the newest articles: go back a shard at a time until something is found.
      while (!found.length && next < Math.min(count, SHARDS_PER_STEP)) {
        found = await searchShard(next++, p, queries, opts);
      }
    }
    found = [...documents, ...found];
  }
  if (id !== searchId) return;
  const numberRe = p.kind === "number" ? numberPattern(p.number) : null;
  const older = async () => {
    // "Xem thêm kết quả" past the last result: the folded query's pages in the newest
    // shard, then the next older shard(s), until one answers (for a number alone: the
    // next files of its citing articles).
    let extra = [];
    if (answer) {
      while (!extra.length && !answer.done()) extra = await answer.next();
      return { extra, span: "", done: answer.done() };
    }
    if (rest.length) extra = await searchShard(0, p, rest, opts, newest);
    rest = [];
    const stop = Math.min(count, next + SHARDS_PER_STEP);
    while (!extra.length && next < stop) extra = await searchShard(next++, p, queries, opts);
    return { extra, span: span(next), done: next >= count };
  };
  // Documents do not take the place of citing articles on the first page.
  await render(found, p, numberRe, config.pageSize + documentCount, state, id, {
    span: answer ? "" : span(next),
    done: answer ? answer.done() : next >= count && !rest.length,
    total: answer?.total,
    older,
  });
  if (id !== searchId) return;
  performance.mark("search-shown", { detail: state.q });
  results.setAttribute("aria-busy", "false");
}

// Renders the first page of `found` and the "Xem thêm kết quả" button for the next.
// `searched.span` says which dates were searched (several shards); `searched.older()`
// searches further back.
async function render(found, p, numberRe, pageSize, state, id, searched) {
  const list = el("ol", { class: "search-results__list" });
  results.replaceChildren(list);
  const where = config.categories[state.category] ? ` trong chuyên mục ${config.categories[state.category]}` : "";
  let shown = 0;
  let { span: dates, done } = searched;
  const more = el("button", { type: "button", class: "search-results__more" });
  const announce = () => {
    const q = state.q.trim();
    // Nothing found yet in the newest shards: the button searches older ones.
    more.textContent = found.length ? "Xem thêm kết quả" : "Tìm trong các tin cũ hơn";
    const before = done || !dates ? "" : ` Bấm “${more.textContent}” để tìm ${found.length ? "trong các tin cũ hơn" : "tiếp"}.`;
    if (!found.length) say(`Không tìm thấy kết quả nào cho “${q}”${where}${done ? "" : dates}.${before}`);
    else say(`Tìm thấy ${searched.total ?? found.length} kết quả cho “${q}”${where}${dates}. Đang hiện ${shown}.${before}`);
  };
  // The first page, or (from the button) the next, past the results found: older shards.
  const showMore = async (fromButton) => {
    if (fromButton && shown >= found.length && !done) {
      more.disabled = true;
      say(dates ? "Đang tìm trong các tin cũ hơn…" : "Đang tải thêm kết quả…");
      const older = await searched.older();
      if (id !== searchId) return;
      more.disabled = false;
      found.push(...older.extra);
      ({ span: dates, done } = older);
    }
    const slice = found.slice(shown, shown + pageSize);
    const items = await Promise.all(
      slice.map(async (r) => ({ data: await r.data() })),
    );
    if (id !== searchId) return;
    const nodes = items.map((item) => resultItem(item, fields, p.terms, numberRe));
    list.append(...nodes);
    shown += slice.length;
    if (shown >= found.length && done) more.remove();
    else if (!more.isConnected) results.append(more);
    if (fromButton && nodes[0]) nodes[0].querySelector("a").focus();
    else if (fromButton) more.focus();
    announce();
  };
  more.addEventListener("click", () => {
    results.setAttribute("aria-busy", "true");
    showMore(true).finally(() => id === searchId && results.setAttribute("aria-busy", "false"));
  });
  await showMore(false);
}

function schedule(immediate) {
  clearTimeout(timer);
  const state = formState();
  writeUrl(state);
  // A keystroke makes every search still running stale: none of them may render.
  const id = ++searchId;
  // While typing, a last word of one letter is left out: Pagefind would match every word
  // starting with it, a search that no keystroke can stop. Enter searches all.
  const live = immediate ? state : { ...state, q: state.q.replace(/(^|[^\p{L}\p{N}])[\p{L}\p{N}]$/u, "$1") };
  const go = () => run(live, id).catch((error) => {
    console.error(error);
    say("Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.");
  });
  if (immediate) go();
  else {
    preloadTypedWords(state.q);
    // Wait longer when the query is likely unfinished: a word ending in a hyphen or slash
    // ("208-", "36/2018/", "Mác-"), or the start of a document number ("Kết lu", "qđ"),
    // whose answer needs no index: searching the words would fetch theirs for nothing.
    const unfinished = plan(live.q, rules)?.kind !== "number"
      && (/[-\u2010-\u2015\u2212/]\s*$/u.test(live.q) || mayStartNumber(live.q));
    timer = setTimeout(go, unfinished ? 3 * config.debounceMs : config.debounceMs);
  }
}

// The words typed before the one being typed will be searched: fetch their part of the
// newest shard's index now, so that the search after the last keystroke has only the last
// word to fetch. (Not the word being typed: its prefix would fetch every word it starts.)
// Nor words that may start a document number ("Quy định", "qđ").
function preloadTypedWords(q) {
  const typed = q.replace(/[\p{L}\p{N}]+$/u, "");
  const p = plan(typed, rules);
  if (!p || !shards.length || mayStartNumber(typed)) return;
  // A number with other words searches the words (among the articles citing it).
  const words = p.kind === "words" ? p.queries[0] : p.terms.join(" ");
  if (!words || words === preloaded) return;
  preloaded = words;
  loadShard(0).then((pf) => pf.preload(words)).catch(() => {});
}

// Whether `q` may be the start of a document number: a number may follow ("qđ", "Quy
// định số"), or a type code ("208-", "208-QĐ/"), or it starts a type of document ("Kết
// lu", "Nghị").
function mayStartNumber(q) {
  const typed = key(q);
  if (!typed) return false;
  const code = Object.keys(rules.codes)[0];
  return [`${q} 1`, `${q}${code}`].some((more) => plan(more, rules)?.kind === "number")
    || Object.keys(rules.words).some((w) => w.startsWith(typed));
}

const initial = readState();
input.value = initial.q;
categorySelect.value = config.categories[initial.category] ? initial.category : "";
sortSelect.value = initial.sort;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  schedule(true);
});
input.addEventListener("input", () => schedule(false));
categorySelect.addEventListener("change", () => schedule(true));
sortSelect.addEventListener("change", () => schedule(true));
if (shards.length) loadShard(0).catch(() => {});
if (initial.q.trim()) schedule(true);
