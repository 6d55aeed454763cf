// What the services' tests share (never loaded by production code): isolated stores, a Redis to stop, a connection to cut, polling.
export * from './isolation.js'
export * from './redis-server.js'
export * from './tcp-proxy.js'
export * from './eventually.js'
