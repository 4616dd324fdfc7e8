// The hosts file example of docs/user-guide.md, for tst_config_hosts.cpp (moc cannot read a
// multi-line raw string containing "//", so it lives here).
#pragma once

#ifndef Q_MOC_RUN // moc cannot read this literal
// clang-format off
inline constexpr char kExample[] = R"x({
  "version": 1,
  "hosts": [
    {"name": "web-1", "kind": "ssh", "host": "10.0.0.5", "user": "ops", "port": 2222,
     "auth": {"methods": ["publickey", "password"], "identityFile": "~/.ssh/id_ed25519",
              "passwordRef": "archnest/web-1", "passphraseFile": "/run/secrets/pp"},
     "jumps": [{"host": "bastion.example.net", "user": "jump", "auth": {"useAgent": false}}],
     "dockerCommand": "sudo -n docker", "knownHostsFile": "/etc/ssh/ssh_known_hosts"},
    {"name": "api-1", "kind": "docker-api", "url": "tcp://10.0.0.6:2376",
     "tls": {"ca": "/c/ca.pem", "cert": "/c/cert.pem", "key": "/c/key.pem"}, "readOnly": true},
    {"name": "local", "kind": "docker-api", "url": "unix:///var/run/docker.sock"}
  ]
})x";
// clang-format on
#endif
