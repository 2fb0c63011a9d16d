// `node --test tests/browser/` discovers only *.test.mjs-style names (node 20), not *.spec.mjs: this runs the spec.
import './review.spec.mjs';
