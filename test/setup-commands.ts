// Every suite may parse SPL: load the command registry, which installs the SPL grammar.
import '../harness/engine/commands/index.js';
