"""CONTENT_INTAKE_* settings with their defaults, in one place."""

DEFAULTS = {
    # Hosts whose https iframes (embedded video) may appear in articles.
    "CONTENT_INTAKE_IFRAME_HOSTS": ["www.youtube.com", "www.youtube-nocookie.com"],
}


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def iframe_hosts(settings) -> frozenset[str]:
    hosts = setting(settings, "CONTENT_INTAKE_IFRAME_HOSTS")
    if isinstance(hosts, str) or not all(isinstance(host, str) for host in hosts):
        raise ValueError("CONTENT_INTAKE_IFRAME_HOSTS must be a list of host names")
    return frozenset(hosts)
