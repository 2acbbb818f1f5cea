// fake-indexeddb ships no types for its side-effect entry (it installs an in-memory IndexedDB).
declare module 'fake-indexeddb/auto';
