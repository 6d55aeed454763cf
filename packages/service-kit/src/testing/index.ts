// What the services' tests share (never loaded by production code): isolated stores, a Redis to stop, a connection to cut, outage assertions, polling, slow clients, hostile input.
export * from './isolation.js'
export * from './free-port.js'
export * from './redis-server.js'
export * from './tcp-proxy.js'
export * from './eventually.js'
export * from './outage.js'
export * from './slow-client.js'
export * from './hostile-input.js'
