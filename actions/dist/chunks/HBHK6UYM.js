import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{t as i}from"./3475CUJR.js";import{g as s,h as o,i as m}from"./H5DZWQOF.js";var p=a=>`campaigns/${a}/campaign.yml`,c=`# Crescendo campaign: the brief (what the team asked for) and the state (written by Crescendo).
# The state changes only through stage pull requests; edit the brief before research starts.
`;function g(a,t){let e=s(a,t);return o(i,e.value,t,e.lineOf,"is not a valid campaign file")}function d(a){return c+m(i.parse(a))}async function C(a,t){return(await a.listFiles("campaigns",t)).map(e=>/^campaigns\/([^/]+)\/campaign\.yml$/.exec(e)?.[1]).filter(e=>e!==void 0)}async function F(a,t,e){let n=p(t),r=await a.readFile(n,e);return r===void 0?void 0:g(r,n)}export{p as a,g as b,d as c,C as d,F as e};
