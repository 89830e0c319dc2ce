import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
var s=class extends Error{code;where;fix;problems;constructor(r,n={}){super(r,n.cause===void 0?void 0:{cause:n.cause}),this.name="CrescendoError",this.code=n.code,this.where=n.where,this.fix=n.fix,this.problems=n.problems??[]}};function o(e){return`${e.where}${e.line===void 0?"":`:${e.line}`}: ${e.message}`}function t(e){if(e instanceof s){let r=[e.where?`${e.where}: ${e.message}`:e.message];for(let n of e.problems)r.push(`  - ${o(n)}`);return e.fix&&r.push(`  fix: ${e.fix}`),r.join(`
`)}return e instanceof Error?e.message:String(e)}var i=(e,r)=>e instanceof s&&e.code===r;export{s as a,o as b,t as c,i as d};
