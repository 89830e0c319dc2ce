/**
 * Loads the real mermaid parser for tests. The `mermaid` package needs DOM globals
 * (DOMPurify) even to parse, so a jsdom window is installed first. Both packages are
 * loaded through variable specifiers so this file type-checks before they are added to
 * devDependencies; until then `loadMermaid()` returns undefined and the gantt tests skip.
 */

export interface GanttTask {
  id: string;
  task: string;
  section: string;
  startTime: Date;
  endTime: Date;
  milestone?: boolean;
}

export interface MermaidForTests {
  parse(text: string): Promise<unknown>;
  ganttTasks(text: string): Promise<GanttTask[]>;
}

interface MermaidModule {
  default: {
    parse(text: string): Promise<unknown>;
    mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: { getTasks(): GanttTask[] } }> };
  };
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: unknown } };
}

export async function loadMermaid(): Promise<MermaidForTests | undefined> {
  const jsdomName = 'jsdom';
  const mermaidName = 'mermaid';
  try {
    const { JSDOM } = (await import(jsdomName)) as JsdomModule;
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window, document: window.document });
    const { default: mermaid } = (await import(mermaidName)) as MermaidModule;
    return {
      parse: (text) => mermaid.parse(text),
      ganttTasks: async (text) => {
        await mermaid.parse(text); // registers the diagram types, and throws on a syntax error
        const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
        return diagram.db.getTasks();
      },
    };
  } catch {
    return undefined;
  }
}
