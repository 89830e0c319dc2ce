import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
var r=class extends Error{where;fix;problems;constructor(s,n={}){super(s,n.cause===void 0?void 0:{cause:n.cause}),this.name="CrescendoError",this.where=n.where,this.fix=n.fix,this.problems=n.problems??[]}};function i(e){return`${e.where}${e.line===void 0?"":`:${e.line}`}: ${e.message}`}function t(e){if(e instanceof r){let s=[e.where?`${e.where}: ${e.message}`:e.message];for(let n of e.problems)s.push(`  - ${i(n)}`);return e.fix&&s.push(`  fix: ${e.fix}`),s.join(`
`)}return e instanceof Error?e.message:String(e)}export{r as a,i as b,t as c};
