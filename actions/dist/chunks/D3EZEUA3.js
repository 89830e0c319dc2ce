import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as n,d as p,e as g}from"./3475CUJR.js";var s=t=>t>0&&t<.01?`$${t.toFixed(4)}`:`$${t.toFixed(2)}`;function S(t,e){let a=Math.max(0,t);if(!(e>0))return`${s(a)} spent (no spend cap)`;let r=Math.floor(a/e*100+1e-9),o=`${s(a)} of ${s(e)} (${r}%)`,i=e-a;return i<.005?`${o}: spend cap reached`:`${o}, ${s(i)} left`}function u(t,e){let a=e?.state==="open"?"in-review":e?.state==="merged"?"approved":"pending";return{name:t,status:a,...e?{pr:e}:{}}}async function f(t,e){let a=await Promise.all(n.map(r=>t.findPullRequest(g(e,r))));return Object.fromEntries(n.map((r,o)=>[r,u(r,a[o])]))}function d(t){return n.find(e=>t[e].status!=="approved")??n.at(-1)}var l=(t,e)=>{let a=p(e);return a===void 0||t[a].status==="approved"};export{S as a,u as b,f as c,d,l as e};
