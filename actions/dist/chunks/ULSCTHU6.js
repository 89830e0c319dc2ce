import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
function r(n){return n===""||n.startsWith("/")||n.includes("\\")||n.includes("\0")?!1:n.split("/").every(e=>e!==""&&e!=="."&&e!=="..")}function i(n,e){return r(n)&&e.some(t=>n===t||n.startsWith(`${t}/`))}function o(n){let e=new Set,t=new Set;for(let{path:s}of n)(e.has(s)?t:e).add(s);return[...t].sort()}export{r as a,i as b,o as c};
