#!/usr/bin/env node
import { createRequire as __crescendoCreateRequire, isBuiltin as __crescendoIsBuiltin } from 'node:module';
const require = ((nodeRequire) => (id) => {
  if (__crescendoIsBuiltin(id)) return nodeRequire(id);
  const message = "Cannot find module '" + id + "' (the Crescendo bundle loads only Node built-ins)";
  throw Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
})(__crescendoCreateRequire(import.meta.url));
import{a as d,c as g}from"./chunks/DQGYXZCD.js";import"./chunks/2RJVF5KF.js";import{existsSync as x}from"node:fs";import{dirname as h,join as P}from"node:path";import{fileURLToPath as T}from"node:url";import{resolve as b}from"node:path";import{parseArgs as k}from"node:util";var s=()=>import("./chunks/LK2ACBPC.js"),A=`crescendo — marketing operations as code

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

Without ANTHROPIC_API_KEY only the example brief runs, from shipped sample answers.`,E={attribute:async(t,e)=>(await import("./chunks/FX7OFUGP.js")).attributeCommand(t,{out:e.out,err:e.err??(i=>process.stderr.write(`${i}
`))})};async function y(t,e){let i=t[0]===void 0?void 0:E[t[0]];if(i)return i(t.slice(1),e);try{let{positionals:m,values:r}=k({args:t,allowPositionals:!0,options:{dir:{type:"string"},feedback:{type:"string"},override:{type:"string"},base:{type:"string"},head:{type:"string"},branch:{type:"string"},json:{type:"boolean",default:!1},help:{type:"boolean",short:"h",default:!1}}}),[n,...a]=m,o=b(r.dir??"."),c=(p,l)=>{if(a.length<p)throw new d(`missing ${l}`,{fix:"see `crescendo --help`"})};if(r.help||!n)return e.out(A),n||r.help?0:2;switch(n){case"init":return await(await s()).init(e,o),0;case"start":return c(1,"the brief file"),await(await s()).start(e,o,a[0]),0;case"status":return await(await s()).status(e,o,a[0]),0;case"approve":return c(1,"the campaign id"),await(await s()).approveCommand(e,o,a[0],r.override),0;case"revise":return c(1,"the campaign id"),await(await s()).reviseCommand(e,o,a[0],r.feedback??a.slice(1).join(" ")),0;case"run":return c(2,"the campaign id and the stage"),await(await s()).runCommand(e,o,a[0],a[1]),0;case"check":return await(await s()).check(e,a,r.json);case"keywords":return await(await s()).keywords(e,a,r.json),0;case"demo":return await(await s()).demo(e,r.dir),0;case"strategy-lock":{if(!r.base||!r.head)throw new d("missing --base or --head",{fix:"crescendo strategy-lock --base origin/main --head HEAD"});let{checkStrategyLock:p,pullRequestBody:l}=await import("./chunks/Z2RJFS7M.js"),w=r.branch??process.env.GITHUB_HEAD_REF,f=await l(),u=await p({dir:o,base:r.base,head:r.head,...w?{branch:w}:{},...f===void 0?{}:{body:f}});return e.out(`${u.ok?"✓":"✗"} strategy lock: ${u.message}`),u.ok?0:1}default:throw new d(`unknown command "${n}"`,{fix:"see `crescendo --help`"})}}catch(m){return e.out(`error: ${g(m)}`),1}}function j(t){let e=h(t);for(;!x(P(e,"package.json"))&&h(e)!==e;)e=h(e);return e}var C=j(T(import.meta.url));process.exitCode=await y(process.argv.slice(2),{packageRoot:C,out:t=>console.log(t)});
