#!/usr/bin/env node
import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as d,b as k}from"./chunks/HBOK7NIU.js";import{c as y}from"./chunks/DQGYXZCD.js";import"./chunks/2RJVF5KF.js";import{existsSync as x}from"node:fs";import{dirname as f,join as j}from"node:path";import{fileURLToPath as H}from"node:url";import{resolve as P}from"node:path";import{parseArgs as T}from"node:util";var o=()=>import("./chunks/GGCC5OTU.js"),E=`crescendo — marketing operations as code

  crescendo init [--dir PATH]                 set up a repository for Crescendo
  crescendo start <brief.yml> [--dir PATH]    validate a brief and run research
  crescendo status [id] [--dir PATH]          where each campaign stands
  crescendo approve <id> [--dir PATH]         merge the open stage, run the next one
            [--override REASON]               accept the strategy's warnings, with a reason
  crescendo revise <id> --feedback TEXT       regenerate the open stage with feedback
  crescendo run <id> <stage> [--dir PATH]     run one stage (e.g. measurement) by hand
  crescendo check <file…> [--json]            validate artifacts; exit 0 only when all pass
  crescendo keywords <export.csv…> [--json]   import, cluster and rank keyword exports
  crescendo attribute <file…> [--model M|all] [--order 1|2|3] [--half-life DAYS] [--lookback DAYS] [--json]
                                              credit conversions to channels by seven models side by side
  crescendo demo [--dir PATH]                 a whole example campaign, offline without a key
  crescendo strategy-lock --base REF --head REF [--branch NAME] [--dir PATH]
                                              fail when an approved strategy changes without justification

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`,R={attribute:async(r,e)=>(await import("./chunks/FX7OFUGP.js")).attributeCommand(r,{out:e.out,err:e.err??e.out})};async function A(r,e){let i=e.err??e.out,g=r[0]===void 0?void 0:R[r[0]];if(g)return g(r.slice(1),e);try{let{positionals:n,values:t}=T({args:r,allowPositionals:!0,options:{dir:{type:"string"},feedback:{type:"string"},override:{type:"string"},base:{type:"string"},head:{type:"string"},branch:{type:"string"},json:{type:"boolean",default:!1},help:{type:"boolean",short:"h",default:!1}}}),[m,...a]=n,s=P(t.dir??"."),c=(p,l)=>{if(a.length<p)throw d(`missing ${l}`)};if(t.help)return e.out(E),0;if(!m)return i(E),2;switch(m){case"init":return await(await o()).init(e,s),0;case"start":return c(1,"the brief file"),await(await o()).start(e,s,a[0]),0;case"status":return await(await o()).status(e,s,a[0]),0;case"approve":return c(1,"the campaign id"),await(await o()).approveCommand(e,s,a[0],t.override),0;case"revise":return c(1,"the campaign id"),await(await o()).reviseCommand(e,s,a[0],t.feedback??a.slice(1).join(" ")),0;case"run":return c(2,"the campaign id and the stage"),await(await o()).runCommand(e,s,a[0],a[1]),0;case"check":return await(await o()).check(e,a,t.json);case"keywords":return await(await o()).keywords(e,a,t.json),0;case"demo":return await(await o()).demo(e,t.dir),0;case"strategy-lock":{if(!t.base||!t.head)throw d("missing --base or --head","crescendo strategy-lock --base origin/main --head HEAD");let{checkStrategyLock:p,pullRequestBody:l}=await import("./chunks/KJ6S63OH.js"),w=t.branch??process.env.GITHUB_HEAD_REF,b=await l(),u=await p({dir:s,base:t.base,head:t.head,...w?{branch:w}:{},...b===void 0?{}:{body:b}});return e.out(`${u.ok?"✓":"✗"} strategy lock: ${u.message}`),u.ok?0:1}default:throw d(`unknown command "${m}"`)}}catch(n){return i(`error: ${y(n)}`),k(n)?2:1}}function h(r){let e=!1;return r.on("error",i=>{if(i.code!=="EPIPE"&&i.code!=="ERR_STREAM_DESTROYED")throw i;e=!0}),i=>{e||r.destroyed||!r.writable||r.write(`${i}
`)}}function S(r){let e=f(r);for(;!x(j(e,"package.json"))&&f(e)!==e;)e=f(e);return e}var C=S(H(import.meta.url));process.exitCode=await A(process.argv.slice(2),{packageRoot:C,out:h(process.stdout),err:h(process.stderr)});
