<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AgentUrlAdvice</name>
    <message>
        <source>this machine&apos;s mesh address (Tailscale, WireGuard) or a private address the VM can reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this machine&apos;s mesh address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is loopback: it means the VM itself there, so an agent on another machine cannot reach this receiver. Bind the receiver (Settings, Bind address) to an address the VM can reach, e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a bind address, not one an agent can connect to: give the VM an address of this machine instead, e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http: the token and the reports cross the network unencrypted. Use it only over a private mesh (Tailscale, WireGuard) or a trusted LAN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContainerStatusText</name>
    <message>
        <source>Less than a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CPU or memory figures: the container is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CPU or memory figures in this host&apos;s last agent report; they come with its next report (the agent sends them for running containers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CPU or memory figures yet: they are sampled after the next refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in this host&apos;s agent report: the push agent does not send this part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reported by this host&apos;s connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Show &amp;Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or a double-click opens the selected container; Tab moves on from the list; in a terminal, Ctrl+Shift+Q quits ArchNest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ArchNest user guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide is not part of this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::AgentHelperDialog</name>
    <message>
        <source>Add an agent host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the agent on the VM and give it this agent.env. The host appears here with its first report (read-only: agents only report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver is off: enable it in Settings first, then install the agent with this agent.env.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>my-vm-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name this VM gets here (ARCHNEST_HOST_ID): letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this host its &amp;own token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this host can report with it, and it can report as no other host. Made now and kept in the OS keychain; manage it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set ARCHNEST_HOST_ID to the name this VM should have here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy agent.env</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save script…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the agent script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install on the VM:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent &amp;host id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/etc/archnest/agent.env (keep it mode 600: it holds the token):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has its own token (remove or rotate it in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid host id: use letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ContainerActions</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more containers first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This host is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No selected container is in a state where &quot;%1&quot; applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to the manageable containers only: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ContainerDetailTab</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal selected value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host %1 was removed: the details of %2 are no longer shown because they would be out of date; close this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an interactive shell inside this container (bash if the image has it, else sh), like &lt;tt&gt;docker exec -it&lt;/tt&gt;. Each terminal opens in its own tab; several can be open at once, and closing a tab ends its shell. Terminal tabs are not restored when ArchNest restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 is no longer configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exec — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1 on %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container %1 no longer exists on %2. Its details are no longer shown because they would be out of date; close this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gone from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the container no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (gone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrypoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cmd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no health check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failing streak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last health output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OOM killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gateway %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aliases %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no mounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden because the name looks like a secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the clear value of the selected variable from the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values cannot be revealed on read-only and push-agent hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values whose names look like secrets are masked; reveal one explicitly if needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in / %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block I/O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 read / %2 written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updating while this section is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reveal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide selected value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed on request; Hide or closing the tab forgets it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ContainersModel</name>
    <message>
        <source>%1 on %2 (id %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stats sample from this source yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ContainersPage</name>
    <message>
        <source>Filter by name, image or label (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarting / other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one running container first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Terminal — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n container(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n container(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n container(s)? This cannot be undone.

%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::DesktopApp</name>
    <message>
        <source>The hosts file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver token is stored in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OS keychain is available (no D-Bus Secret Service), so the receiver token is kept in memory only: agents can report until ArchNest quits, and a new token is made at the next start. It is never written to disk. Start a keyring such as gnome-keyring to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OS keychain is available (no D-Bus Secret Service): using the old token file %1 read-only. It is not changed; start a keyring such as gnome-keyring to move the token there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OS keychain refused the token (%1); using the old token file %2 read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver token was moved from %1 into the OS keychain; the file was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver token was copied into the OS keychain, but %1 could not be deleted: delete it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: reading the token from the OS keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: listening on %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (public address!)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (token not in a keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid agent host id: use 1 to 128 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (the ARCHNEST_HOST_ID of the agent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token for %1 works until ArchNest quits, but the OS keychain did not keep it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a push-agent host: change it in its agent.env on the VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hosts file could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the agent host %1? Its stored report is deleted; it comes back if its agent reports again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the host %1 from ArchNest? Nothing changes on the host itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 could not be opened, so push-agent hosts are unavailable until it can (ArchNest keeps trying): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (store not open: reports get 503 until it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: off (the shared store is read-only for this role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Rotate in Settings to generate a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password for %1 was not kept: %2 It works for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password for %1 is kept in the OS keychain as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The own tokens of %1 could not be read from the OS keychain or are too weak: those agent hosts are refused until their tokens are set again in Settings (Rotate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Generate for a random one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token for %1 is the shared receiver token: a host&apos;s own token must be its own (Use Generate for a random one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store setting is not valid (%1); using the local store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the role %1 may only read the shared store %2. Agent hosts are shown; the in-app receiver is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store password could not be saved in the OS keychain: %1. Use a passfile (?passfile=/path in the URL) instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new store is used from the next start of ArchNest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostDialog</name>
    <message>
        <source>SSH host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker Engine API host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. web-prod-1 (letters, digits, . _ -)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default (agent, keys, password prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key (and certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH agent only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/id_ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;key&gt;-cert.pub when present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ertificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file holding the password (mode 600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump hosts in order, one per line: user@bastion:22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jump chain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to run docker on the host, e.g. &quot;sudo -n docker&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Docker command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.ssh/known_hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tcp://host:2376 or unix:///var/run/docker.sock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;TLS (client certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ca.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cert.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-only (no start/stop/remove from ArchNest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump chain line %1 (&quot;%2&quot;) is not user@host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host named %1 already exists; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the SSH host&apos;s name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file that holds the password (or pick another method).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL must start with tcp:// or unix://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS applies to tcp:// URLs only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test of %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kno&amp;wn hosts file:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostErrorCard</name>
    <message>
        <source>&amp;Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again and show the host key prompt once more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: host key rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You rejected the host&apos;s SSH key, so ArchNest does not connect to it until it restarts or you choose Trust key… to see the prompt again.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Failing since %1; last try %2 (%n attempt(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Failed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No automatic retry asks about this key again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Next retry at %1 (in %n s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic refresh is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostKeyDialog</name>
    <message>
        <source>Unknown SSH host key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host itself (no jump host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jump host %1 of %2 on the way to the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the target, through %n jump host(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 of host &lt;b&gt;%3&lt;/b&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a jump host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown SSH host key — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ArchNest has never seen the host key of %1. Compare the fingerprint with the one the host&apos;s administrator gives you (&lt;code&gt;ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub&lt;/code&gt; on the host) before you trust it. Reject (Enter or Esc) is remembered until ArchNest restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ArchNest host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept and &amp;save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this key for this connection only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this key and add it to known_hosts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostListModel</name>
    <message>
        <source>Docker over SSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker Engine API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>push agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last refresh: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: Podman (Docker-compatible)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: Docker</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::HostsController</name>
    <message>
        <source>%1 is a push-agent host: agents only report, so containers there are read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is configured read-only; edit the host to allow actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no source available for %1 hosts in this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host key rejected — Trust key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpausing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n container(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>host %1 is no longer configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 on %3 failed: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: done for %n container(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 succeeded, %3 failed, %4 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 of %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container actions: %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No source is available for %1 hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1: %n container(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Test of %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ImportHostsDialog</name>
    <message>
        <source>new host %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updates %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not importable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ProxyCommand %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from ~/.ssh/config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts of %1 (wildcard-only entries are never imported). An imported host follows the config: it is resolved again, as ssh would, at each connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The docker CLI&apos;s contexts (docker context ls) and DOCKER_HOST. An ssh:// context becomes an SSH host resolved through ~/.ssh/config, as the docker CLI&apos;s ssh does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker contexts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n alias(es) found, %1 importable.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No docker context and no DOCKER_HOST found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n context(s) found, %1 importable.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archnest::ui::LocalPtyExecStream</name>
    <message>
        <source>This terminal stream is already in use; open a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: not found in PATH. Install it or give its full path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a local pseudo-terminal: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::LogBuffer</name>
    <message>
        <source> … [line cut: %1 more bytes]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::LogPanel</name>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tail </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the last lines to fetch (0 = all; the view keeps at most %1 lines).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search logs (Enter: next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for these logs (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host of this container is no longer configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This source cannot follow logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following logs on %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading logs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading logs failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading logs of %1 on %2 cancelled; Reload to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older lines dropped: showing the last %1 of %2 lines (the view keeps at most %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No log lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the logs to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the lines that contain the search text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only lines written at or after this time (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only lines written before this time (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::MainWindow</name>
    <message>
        <source>ArchNest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;SSH Host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Docker &amp;API Host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add A&amp;gent Host…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import from ~/.ssh/config…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit ArchNest (Ctrl+Q; Ctrl+Shift+Q also while a terminal has the focus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a shell in the selected (or this tab&apos;s) running container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ArchNest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hosts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a host to see its containers here. ArchNest reaches Docker over SSH (no socket exposed), through a Docker Engine API endpoint, or receives read-only snapshots from a push agent on each VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from ~/.ssh/config…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent receiver: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The push-agent listener is disabled until it is enabled in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel (Esc): queued actions are not started and running ones are given up; what a host already did is not undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Refreshing %n host(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling… (what a host already started is not undone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key changed for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SSH host key of %1 does not match the one saved in known_hosts. Someone may be intercepting the connection, or the host was reinstalled. ArchNest will not connect until the old key is removed from known_hosts after you checked the new fingerprint out of band.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 is no longer configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a terminal on %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shell in %1 on %2 (not restored at restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ArchNest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;ArchNest %1&lt;/h3&gt;&lt;p&gt;See and manage the Docker containers on many VMs from one window, without exposing any Docker socket.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::SecretPromptDialog</name>
    <message>
        <source>SSH password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1@%2:%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (host %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the key %1 (connecting to %2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2 asks:
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep this password in the OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the server accepts it, the password goes to the OS keychain and the hosts file names it (passwordRef): no prompt next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — try again (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change with --data-dir or ARCHNEST_DATA_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change with --config-dir or ARCHNEST_CONFIG_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push-agent receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen for agent reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADDRESS:PORT. Use a mesh or private address (e.g. your Tailscale IP), never a public one: reports are protected by the token only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stale after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created when the receiver is first enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new token; agents with the old one are refused until updated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-host agent tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host listed here may report only with its own token (the shared token above no longer works for it), and its token works for no other host. Changes apply to the running receiver at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent host id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent host id (ARCHNEST_HOST_ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token (Generate, or paste one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a new random token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind the token to the host id (a random token when the field is empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected host&apos;s token to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected host a new token; its agent is refused until its agent.env has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected host goes back to the shared token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agent.env…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the agent setup for the selected host, with its own token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now reports with its own token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token of %1 is in the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a new token: put it in the agent.env on that VM (Copy token or agent.env…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the host token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the own token of %1? Its agent is refused until it reports with the shared token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses the shared token again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden: use Copy token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OS keychain did not give this token: the host is refused until you Rotate (a new token) or Remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Generate for a random one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local SQLite file in the data directory (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shared PostgreSQL store for a team: postgres://ROLE@HOST:5432/DBNAME, optionally ?sslmode=verify-full and ?passfile=/path. Several desktops and receivers can use one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared store &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the OS keychain; empty: keep the saved one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: %1%2. A change takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this store: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::TerminalFindBar</name>
    <message>
        <source>Find in terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>9999 matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::TerminalSession</name>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exec session could not be opened (the host is gone or refused it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host&apos;s connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process exited with code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::TerminalTab</name>
    <message>
        <source>This host is read-only: no exec.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 No exec there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container&apos;s state is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exec needs a running container; this one is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a shell in the container in a new tab (Ctrl+Shift+T).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shell - %1 @ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 [exited %2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 [disconnected]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::TerminalView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear scrollback</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>archnest::ui::ThemeManager</name>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Where hosts.json and settings live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the local store lives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See and manage Docker containers on many VMs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
