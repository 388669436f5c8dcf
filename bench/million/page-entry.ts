// Page bundle for bench/million.mjs: registers the three elements, nothing else.
import '../../src/define.ts';
(globalThis as Record<string, unknown>).millionBench = true;
