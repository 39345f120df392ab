"""Icons, translations and other files fc-admin ships (installed as package ``fc_admin.resources``).

The folder sits at the top of the repository, beside ``fc_admin/``; pyproject.toml maps it into the
package so that ``importlib.resources.files("fc_admin.resources")`` finds it when installed,
editable or not.
"""
