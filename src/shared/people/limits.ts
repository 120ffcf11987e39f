/** Upper bounds for what customers, contacts, contracts and devices may carry; the hub refuses more. */
export const peopleLimits = {
  customerName: 200,
  domain: 253,
  domainsPerCustomer: 50,
  locationName: 120,
  address: 500,
  locationsPerCustomer: 50,
  notes: 4_000,
  contractName: 200,
  scopeEntry: 100,
  scopeEntries: 200,
  deviceName: 200,
  deviceGroup: 100,
  model: 200,
  serial: 100,
  os: 200,
  lookupQuery: 200,
} as const
