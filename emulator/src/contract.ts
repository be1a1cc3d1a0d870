/**
 * The provider's wire contract, from the widget package (`src/contract/`), where it is written
 * once for the widget, the host-backend helper and this emulator. The emulator reaches into
 * the package only here: one bridge, so the day the contract becomes a package of its own
 * (or the emulator leaves this repository), one import changes.
 */
export * from '../../src/contract/index.js';
