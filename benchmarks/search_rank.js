// Material's own search worker, run in node over a built index: what a reader sees for each query.
//   node search_rank.js WORKER INDEX QUERIES.json [THEME_PARTIAL]
// With THEME_PARTIAL (partials/report-search.html), each query is first rewritten as the theme does.
// Prints {query: [[location shown, ...] per result item, best first]}: the page, then the sections
// Material shows under it (those scoring as well as the item's best), as renderSearchResultItem does.
const fs = require("fs"), vm = require("vm");
const [worker, indexPath, queriesPath, partial] = process.argv.slice(2);
let rewrite = q => q;
if (partial) {
  const block = /\/\* query-rewrite[^*]*\*\/([\s\S]*?)\/\* end query-rewrite \*\//.exec(fs.readFileSync(partial, "utf8"));
  if (!block) throw new Error(`${partial}: no query-rewrite block`);
  rewrite = vm.runInNewContext(block[1] + "; rewrite");
}
let handler;
const out = [];
const ctx = { console, setTimeout, clearTimeout, postMessage: m => out.push(m), importScripts: () => {},
  addEventListener: (type, fn) => { handler = fn; } };
ctx.self = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(worker, "utf8"), ctx);
const index = JSON.parse(fs.readFileSync(indexPath, "utf8"));
(async () => {
  await handler({ data: { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } } });
  const result = {};
  for (const query of JSON.parse(fs.readFileSync(queriesPath, "utf8"))) {
    out.length = 0;
    await handler({ data: { type: 2, data: rewrite(query) } });
    result[query] = out[0].data.items.map(item => {
      const best = item[0].score;
      const article = item.find(d => !d.location.includes("#")) || item[0];
      return [article.location, ...item.filter(d => d !== article && d.score >= best).map(d => d.location)];
    });
  }
  process.stdout.write(JSON.stringify(result));
})();
