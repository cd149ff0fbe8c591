export * from './protocol';
export * from './define';
export { contract, type Contract } from './contract';
export { createClient, type Client } from './client';
export { Router, toWireError } from './router';
export { createMemoryPair } from './memory';
