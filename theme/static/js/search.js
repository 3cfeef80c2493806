// The search page (/tim-kiem/): reads ?q=, ?chuyen-muc=, ?sap-xep= from the URL, searches
// the Pagefind bundle(s) built with the site as the reader types, and keeps the URL in
// step so links and bookmarks reproduce the search. No other host is contacted.
// A big site has one bundle per year(s), newest first: a word query searches the newest
// alone, and "Xem thêm kết quả" past its last result goes on into the next older one.

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

let searchId = 0;
let timer = null;
// One Pagefind instance per bundle (each import of its own pagefind.js is its own module).
const bundles = new Map();

// Bundle `i` of config.bundles, newest years first; loaded when first searched.
function loadBundle(i) {
  if (!bundles.has(i)) {
    const loading = (async () => {
      const pf = await import(`${config.bundles[i]}pagefind.js`);
      await pf.options({ ranking: config.ranking, excerptLength: 30 });
      // The index's table of contents and the WebAssembly come before the query.
      await pf.init();
      return pf;
    })();
    loading.catch(() => bundles.delete(i));
    bundles.set(i, loading);
  }
  return bundles.get(i);
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
    found: [...documents, ...articles(entries.flatMap((e) => e.articles))],
    total: categoryName ? null : entries.length + entries.reduce((sum, e) => sum + e.citing, 0),
    next,
    done: () => pending.every((files) => !files.length),
  };
}

// The years of bundles 0..count-1 as said in the status line ("năm 2024", "các năm 2023–2024").
function yearsSearched(count) {
  const years = (config.years || []).slice(0, count).flat();
  if (!years.length) return "";
  const low = Math.min(...years);
  const high = Math.max(...years);
  return low === high ? ` trong năm ${high}` : ` trong các năm ${low}–${high}`;
}

// The results of bundle `i` for `queries` in order (a query finding nothing may fall back).
async function searchBundle(i, p, queries, opts, seen = new Set()) {
  const pf = await loadBundle(i);
  const out = [];
  for (const [k, query] of queries.entries()) {
    let found = fresh(await pf.search(query, opts), seen);
    if (k === 0 && !found.length && p.fallback) found = fresh(await pf.search(p.fallback, opts), seen);
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
  say("Đang tìm…");
  results.setAttribute("aria-busy", "true");
  const categoryName = config.categories[state.category];
  const filters = categoryName ? { [fields.category]: categoryName } : {};
  const sort = state.sort ? { [fields.sort]: "desc" } : {};
  const opts = { filters, sort };
  const count = config.bundles.length;
  // Bundles are searched one at a time, newest years first; `next` is the next to search.
  let next = 0;
  let found;
  let documentCount = 0; // the documents' pages, shown on top of a full page of articles
  const rest = p.queries.slice(1);
  const newest = new Set();
  let answer = null;
  if (p.kind === "number" && !p.terms.length) {
    // A document number alone: its documents and citing articles from its small file
    // (none: no document page has the number, and Pagefind looks for its token below).
    const listed = await numberAnswer(p.number, categoryName);
    if (listed.found.length) answer = listed;
  }
  if (answer) {
    found = answer.found;
    documentCount = answer.documents.length;
    next = count;
  } else if (p.kind === "number") {
    // A number with other words: the documents' own pages first, then Pagefind over
    // every bundle for the articles with both the number's token and the words.
    const [documents, ...perBundle] = await Promise.all([
      numberAnswer(p.number, categoryName).then((a) => a.documents, () => []),
      ...config.bundles.map((_, i) => searchBundle(i, p, [p.queries[0]], opts)),
    ]);
    found = [...documents, ...perBundle.flat()];
    documentCount = documents.length;
    next = count;
  } else {
    found = await searchBundle(0, p, [p.queries[0]], opts, newest);
    next = 1;
    if (!found.length && rest.length) found = await searchBundle(0, p, rest, opts, newest);
    // Nothing in the newest years: go back a bundle at a time until something is found.
    while (!found.length && next < count) found = await searchBundle(next++, p, p.queries, opts);
  }
  if (id !== searchId) return;
  const numberRe = p.kind === "number" ? numberPattern(p.number) : null;
  const older = async () => {
    // "Xem thêm kết quả" past the last result: the next older bundle(s), until one answers
    // (for a number alone: the next files of its citing articles).
    let extra = [];
    if (answer) {
      while (!extra.length && !answer.done()) extra = await answer.next();
      return { extra, years: "", done: answer.done() };
    }
    while (!extra.length && next < count) extra = await searchBundle(next++, p, p.queries, opts);
    return { extra, years: yearsSearched(next), done: next >= count };
  };
  // Documents do not take the place of citing articles on the first page.
  const shown = await render(found, p, numberRe, config.pageSize + documentCount, state, id, {
    years: count > 1 && !answer ? yearsSearched(next) : "",
    done: answer ? answer.done() : next >= count,
    total: answer?.total,
    older,
  });
  // A query with đ: the folded query's pages ("dương" for "đường") follow, once found.
  if (p.kind !== "number" && next === 1 && found.length && rest.length) {
    const more = await searchBundle(0, p, rest, opts, newest);
    if (id !== searchId) return;
    shown.add(more);
  }
  results.setAttribute("aria-busy", "false");
}

// Renders the first page of `found`; returns {add(results)} to append later pages.
// `years` says which years were searched (sharded sites); `older()` searches further back.
async function render(found, p, numberRe, pageSize, state, id, span) {
  const list = el("ol", { class: "search-results__list" });
  results.replaceChildren(list);
  const where = config.categories[state.category] ? ` trong chuyên mục ${config.categories[state.category]}` : "";
  let shown = 0;
  let { years, done } = span;
  const more = el("button", { type: "button", class: "search-results__more" }, "Xem thêm kết quả");
  const announce = () => {
    const q = state.q.trim();
    if (!found.length) say(`Không tìm thấy kết quả nào cho “${q}”${where}.`);
    else {
      const before = done || !years ? "" : " Bấm “Xem thêm kết quả” để tìm thêm các năm trước.";
      say(`Tìm thấy ${span.total ?? found.length} kết quả cho “${q}”${where}${years}. Đang hiện ${shown}.${before}`);
    }
  };
  const showMore = async (moveFocus, count = pageSize) => {
    if (shown >= found.length && !done) {
      more.disabled = true;
      say(years ? "Đang tìm thêm các năm trước…" : "Đang tải thêm kết quả…");
      const older = await span.older();
      if (id !== searchId) return;
      more.disabled = false;
      found.push(...older.extra);
      ({ years, done } = older);
    }
    const slice = found.slice(shown, shown + count);
    const items = await Promise.all(
      slice.map(async (r) => ({ data: await r.data() })),
    );
    if (id !== searchId) return;
    const nodes = items.map((item) => resultItem(item, fields, p.terms, numberRe));
    list.append(...nodes);
    shown += slice.length;
    if (shown >= found.length && done) more.remove();
    else if (!more.isConnected) results.append(more);
    if (moveFocus && nodes[0]) nodes[0].querySelector("a").focus();
    else if (moveFocus) more.focus();
    announce();
  };
  more.addEventListener("click", () => {
    results.setAttribute("aria-busy", "true");
    showMore(true).finally(() => id === searchId && results.setAttribute("aria-busy", "false"));
  });
  await showMore(false);
  return {
    add(extra) {
      if (!extra.length || id !== searchId) return;
      const wasComplete = shown >= found.length;
      found.push(...extra);
      if (wasComplete && shown < pageSize) showMore(false, pageSize - shown);
      else {
        if (!more.isConnected) results.append(more);
        announce();
      }
    },
  };
}

function schedule(immediate) {
  clearTimeout(timer);
  const state = formState();
  writeUrl(state);
  // A keystroke makes every search still running stale: none of them may render.
  const id = ++searchId;
  // While typing, a last word of one letter is left out: Pagefind would match every word
  // starting with it, a search of seconds that no keystroke can stop. Enter searches all.
  const live = immediate ? state : { ...state, q: state.q.replace(/(^|[^\p{L}\p{N}])[\p{L}\p{N}]$/u, "$1") };
  // No preloading while typing either: a word being typed would fetch every word it starts.
  const go = () => run(live, id).catch((error) => {
    console.error(error);
    say("Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.");
  });
  // A short last word is likely a word still being typed, and a costly prefix: wait
  // longer (a document number is one cheap token however it ends).
  const lastWord = live.q.trim().split(/[^\p{L}\p{N}]+/u).pop() || "";
  const quick = lastWord.length >= 3 || plan(live.q, rules)?.kind === "number";
  if (immediate) go();
  else timer = setTimeout(go, quick ? config.debounceMs : 3 * config.debounceMs);
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
loadBundle(0).catch(() => {});
if (initial.q.trim()) schedule(true);
