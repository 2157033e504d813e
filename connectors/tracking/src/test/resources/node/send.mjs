// Sends calls to CDP Hub with Segment's official Node client, unchanged but for host.
// Usage: node send.mjs <host> <writeKey>
import { Analytics } from '@segment/analytics-node'

const [host, writeKey] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, maxEventsInBatch: 10, flushInterval: 200 })
analytics.on('error', (err) => { console.error('analytics error', err); process.exitCode = 2 })

analytics.track({ anonymousId: 'anon-node-1', event: 'Product Viewed', properties: { sku: 'SHOE-42', path: '/shoes/red' } })
analytics.page({ anonymousId: 'anon-node-1', name: 'Shoes', properties: { path: '/shoes' } })
analytics.identify({ anonymousId: 'anon-node-1', userId: 'user-node-1', traits: { email: 'node.user@example.com', firstName: 'Noa' } })
analytics.track({ userId: 'user-node-1', event: 'Order Completed', properties: { revenue: 99.5, currency: 'EUR' } })

await analytics.closeAndFlush({ timeout: 10000 })
console.log('flushed')
