import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{C as a,D as b,E as c}from"./4EFTL54M.js";import"./MGLJXWPT.js";import"./D3EZEUA3.js";import"./FXXG7QM7.js";import"./MBCIFMOJ.js";import"./J4O5VZ2Y.js";import"./3475CUJR.js";import"./H5DZWQOF.js";import"./BNESZQ3V.js";import"./MAFVPVEP.js";import"./DQGYXZCD.js";import"./2RJVF5KF.js";export{a as PROGRESS_MARKER,b as nextAction,c as renderProgress};
