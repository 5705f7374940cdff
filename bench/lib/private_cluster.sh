# shellcheck shell=bash
# bench/lib/private_cluster.sh: a throwaway PostgreSQL 15 cluster of the
# caller's own (sourced, not run: make bench runs only bench/*.sh), apart
# from the cluster pg_virtualenv gives make bench: initdb into a mktemp
# directory, the socket in that directory, no TCP.  As
# root the server runs as the postgres OS user.  The caller sets
# CLUSTER_PREFIX (the mktemp name); private_cluster_init sets PG_BINDIR,
# cluster_work (the directory, owned by the server's user), cluster_data,
# and PGHOST, PGPORT, PGUSER and PGDATABASE for psql, and installs an EXIT
# trap that stops the server and removes the directory.

PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}

# as_server CMD...: run CMD as the server's OS user
as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

private_cluster_stop() {
	[ -f "$cluster_data/postmaster.pid" ] || return 0
	as_server "$PG_BINDIR/pg_ctl" -D "$cluster_data" -m fast -w stop >/dev/null
}

private_cluster_start() {
	as_server "$PG_BINDIR/pg_ctl" -D "$cluster_data" -l "$cluster_work/server.log" -w -t 120 \
		-o "-p $PGPORT -c listen_addresses='' -c unix_socket_directories=$cluster_work $*" start >/dev/null
}

# private_cluster_init [SERVER OPTION...]: initdb and start; the options
# (-c name=value ...) go to the server
private_cluster_init() {
	cluster_work=$(mktemp -d "/tmp/${CLUSTER_PREFIX:-cd_cluster}.XXXXXX")
	cluster_data=$cluster_work/data
	trap 'private_cluster_stop || true; rm -rf "$cluster_work"' EXIT
	[ "$(id -u)" -ne 0 ] || chown postgres: "$cluster_work"
	as_server "$PG_BINDIR/initdb" -D "$cluster_data" -A trust -U postgres >/dev/null
	# the port only names the socket, in a directory no other server uses
	export PGHOST=$cluster_work PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
	unset PGSERVICE PGPASSWORD
	private_cluster_start "$@" || { cat "$cluster_work/server.log"; return 1; }
}
