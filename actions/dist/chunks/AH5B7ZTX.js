import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{c as a,d as b,e as c,f as d}from"./R64FV3YC.js";import"./ULSCTHU6.js";import"./NBRLJI2Y.js";import"./XL5YAMND.js";import"./YLRNF6OO.js";import"./BQUJKCHZ.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as PUBLISH_USAGE,d as channelsCommand,b as publishCommand,c as summaryLine};
