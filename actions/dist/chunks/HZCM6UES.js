import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{e as a,f as b}from"./BNESZQ3V.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as ATTRIBUTE_USAGE,b as attributeCommand};
