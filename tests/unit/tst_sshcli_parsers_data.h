// Captured and hand-made docker CLI output for tst_sshcli_parsers.cpp (kept out of the test
// file because moc cannot read raw string literals).
#pragma once

namespace {

// `docker inspect fx-running` from the fixture, trimmed to the fields the parser reads.
const char kInspectRunning[] =
    R"([{"Id": "a4cba8832ad77ea478a162a116cac687d25a06890cf91d438fe1aa00c57004f8", "Created": "2026-11-27T02:04:51.202402508Z", "Path": "sleep", "Args": ["100000"], "State": {"Status": "running", "Running": true, "Paused": false, "Restarting": false, "OOMKilled": false, "Dead": false, "Pid": 18800, "ExitCode": 0, "Error": "", "StartedAt": "2026-11-27T02:04:51.470181541Z", "FinishedAt": "0001-01-01T00:00:00Z"}, "Image": "sha256:18cef3085811afb5c25dd3d4bc6ed2374bd7d08680c80acb29be665babca80df", "Name": "/fx-running", "RestartCount": 0, "Platform": "linux", "Mounts": [{"Type": "bind", "Source": "/tmp/anfx/docker/mnt", "Destination": "/data", "Mode": "ro", "RW": false, "Propagation": "rprivate"}, {"Type": "volume", "Name": "fx-volume", "Source": "/tmp/anfx/docker/plain/data/volumes/fx-volume/_data", "Destination": "/cache", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""}], "HostConfig": {"RestartPolicy": {"Name": "no", "MaximumRetryCount": 0}}, "Config": {"Hostname": "a4cba8832ad7", "User": "", "Tty": false, "Env": ["DB_PASSWORD=fx-secret-value-1234", "API_TOKEN=fx-token-5678", "APP_MODE=test", "PATH=/bin"], "Cmd": ["sleep", "100000"], "Image": "archnest-test/busybox:1", "WorkingDir": "", "Entrypoint": null, "Labels": {"archnest.test": "1", "com.example.team": "ops"}, "ExposedPorts": {"5353/udp": {}, "8080/tcp": {}}}, "NetworkSettings": {"Ports": {}, "Networks": {"none": {"IPAMConfig": null, "Links": null, "Aliases": null, "Gateway": "", "IPAddress": "", "MacAddress": ""}}}}])";

// A container with health, published ports, a bridge network, exited state and restarts.
const char kInspectExited[] =
    R"([{"Id": "bbbb", "Created": "2026-01-01T00:00:00Z", "Path": "/entry.sh", "Args": [], "Name": "/db-1", "RestartCount": 4, "Image": "sha256:x", "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": true, "StartedAt": "2026-01-01T00:00:01.5Z", "FinishedAt": "2026-01-01T01:00:00+02:00", "Error": "", "Health": {"Status": "unhealthy", "FailingStreak": 3, "Log": [{"Output": "old"}, {"Output": "connection refused"}]}}, "HostConfig": {"RestartPolicy": {"Name": "on-failure"}}, "Config": {"Image": "postgres:16", "Env": null, "Labels": null, "Entrypoint": ["/entry.sh"], "Cmd": null, "Tty": true, "User": "999", "WorkingDir": "/var/lib"}, "NetworkSettings": {"Ports": {"5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "15432"}, {"HostIp": "::", "HostPort": "15432"}], "9/udp": null}, "Networks": {"bridge": {"IPAddress": "172.17.0.2", "Gateway": "172.17.0.1", "MacAddress": "02:42:ac:11:00:02", "Aliases": ["db", "db-1"]}}}, "Mounts": null}])";

const char kPsTwoRows[] =
    R"x({"id":"934c9a86c63e","names":"fx-paused","image":"archnest-test/busybox:1","command":"\"sleep 100000\"","created":"2026-11-27 02:04:51 +0000 UTC","state":"paused","status":"Up 56 seconds (Paused)","ports":"","labels":"archnest.test=1"})x"
    "\n"
    R"({"id":"a4cba8832ad7","names":"fx-running","image":"img","command":"\"sh -c 'a\tb'\"","created":"2026-11-27 04:04:51 +0200 CEST","state":"running","status":"Up 1 second","ports":"0.0.0.0:8080->80/tcp, :::8080->80/tcp, 5353/udp","labels":"a=1,b=x,y,c="})"
    "\n";

const char kStatsLines[] =
    R"({"id":"a4cb","name":"fx-running","cpu":"0.15%","mem":"304KiB / 23.54GiB","memPerc":"0.00%","net":"1.2kB / 0B","block":"0B / 4.1MB","pids":"1"})"
    "\n"
    R"({"id":"dead","name":"x","cpu":"--","mem":"-- / --","memPerc":"--","net":"--","block":"--","pids":"--"})"
    "\nnot json\n";

} // namespace
