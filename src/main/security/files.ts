/** Moved to src/platform (shared by the desktop and the hub). */
export * from '../../platform/files';
