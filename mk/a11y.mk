# axe-core for the browser tests' accessibility checks (t0900, t0910;
# docs/accessibility.md): the exact version of tests/browser/package-lock.json,
# installed by npm ci into tests/browser/node_modules. make check installs it
# before the tests run; `make axe` alone does too.
AXE_JS := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: axe
axe: $(AXE_JS)

$(AXE_JS): tests/browser/package.json tests/browser/package-lock.json | deps
	cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

check: axe
