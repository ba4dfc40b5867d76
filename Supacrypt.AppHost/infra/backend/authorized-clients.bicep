// Who may call the backend, as an azd environment value instead of literals in the app's template: the list becomes
// the Security__Authorization__Clients__<i>__… settings the backend binds to Security:Authorization:Clients (and
// validates at start, naming the faulty entry). A file of its own so that a .bicepparam can import the same
// function and have the compiler evaluate it. Untyped on purpose: a user-defined type would switch the app's
// template to ARM language version 2.0.

@export()
@description('The container environment entries that grant exactly these callers ({ subject | thumbprint, roles[], keyPrefixes[] } each); an empty list grants nobody.')
func authorizationEnvironment(clients array) array =>
  flatten(map(range(0, length(clients)), i => concat(
    contains(clients[i], 'subject') ? [{ name: 'Security__Authorization__Clients__${i}__Subject', value: clients[i].subject }] : [],
    contains(clients[i], 'thumbprint')
      ? [{ name: 'Security__Authorization__Clients__${i}__Thumbprint', value: clients[i].thumbprint }]
      : [],
    map(range(0, length(clients[i].?roles ?? [])), r => {
      name: 'Security__Authorization__Clients__${i}__Roles__${r}'
      value: clients[i].roles[r]
    }),
    map(range(0, length(clients[i].?keyPrefixes ?? [])), p => {
      name: 'Security__Authorization__Clients__${i}__KeyPrefixes__${p}'
      value: clients[i].keyPrefixes[p]
    })
  )))
