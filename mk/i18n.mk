# The message catalogues (docs/i18n.md): i18n/<lang>.txt and the console's
# i18n/console_ja.txt, ICU resource-bundle text, compiled by ICU's genrb
# (icu-devtools) into build/i18n/<name>.res,
# which the pages, the workers and render_error_pages read at start-up
# (catalogue_dir; the development stack's is build/i18n). make install puts
# them into the templates folder's i18n/, the default catalogue_dir, and the
# English static error pages into errors/en/. Included by the Makefile.

# CATALOGUES (build/i18n/<name>.res, every i18n/*.txt) is set in the Makefile, before the
# error pages' rule that needs it.
all: $(CATALOGUES)

$(BUILD)/i18n/%.res: i18n/%.txt
	@mkdir -p $(@D)
	@echo '  GENRB   $@'
	@genrb -q -e UTF-8 -d $(@D) $<

install: install-i18n
.PHONY: install-i18n
install-i18n: all
	$(INSTALL) -d $(DESTDIR)$(TEMPLATES_DIR)/i18n $(DESTDIR)$(pkgdatadir)/errors/en
	$(INSTALL) -m 0644 $(CATALOGUES) $(DESTDIR)$(TEMPLATES_DIR)/i18n/
	$(INSTALL) -m 0644 $(BUILD)/errors/en/*.html $(DESTDIR)$(pkgdatadir)/errors/en/

# The unit tests load build/i18n (tests/unit/main.cc).
$(UNIT_TESTS): $(CATALOGUES)
