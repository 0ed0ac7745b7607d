#!/usr/bin/env node
// The CLI runs the compiled main-process code; `npm install` builds it (the "prepare" script).
import '../build/electron/cli/main.js';
