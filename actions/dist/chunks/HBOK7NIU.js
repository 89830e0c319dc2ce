import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as n}from"./DQGYXZCD.js";var s=(e,o="see `crescendo --help`")=>new n(e,{code:"usage",fix:o});function t(e){if(e instanceof n)return e.code==="usage";let o=e?.code;return typeof o=="string"&&o.startsWith("ERR_PARSE_ARGS_")}export{s as a,t as b};
