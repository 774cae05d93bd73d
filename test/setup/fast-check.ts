import fc from 'fast-check';

// Property tests explore random inputs on every run. CI pins the seed (FC_SEED in .ci/run) so a
// run can be repeated exactly; locally each run explores new inputs and prints its seed on failure.
const seed = process.env.FC_SEED?.trim();
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed) });
