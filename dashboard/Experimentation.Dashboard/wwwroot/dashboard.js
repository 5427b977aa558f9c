// The viewer's IANA time zone, so the server can show every time in it.
window.experimentationDashboard = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone
};
