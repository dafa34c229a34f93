/* Runs static/passwd.js, the page's own script, in node with a stand-in for
 * the new password page (the rule list and the password field), types each
 * password of a table into the field and prints the marks the script set:
 *
 *   node passwd_marks.js static/passwd.js tests/js/password_marks.tsv
 *
 * prints, for each case of the table in order, one line
 * "<line number>\t<length>\t<mix>\t<sequence>", each mark "met", "broken" or
 * "unmarked". tests/unit/password_marks_test.cc compares them with the
 * server's CheckPassword. Exit status 2 on a bad table or a script that
 * marks nothing. */
"use strict";
const fs = require("fs");
const vm = require("vm");

const [scriptPath, tablePath] = process.argv.slice(2);
if (!scriptPath || !tablePath) {
  process.stderr.write("usage: passwd_marks.js PASSWD_JS TABLE\n");
  process.exit(2);
}

/* Reads the table: "password<TAB>length<TAB>mix<TAB>sequence" per line; "#"
 * starts a comment line. */
function readCases(path) {
  const cases = [];
  fs.readFileSync(path, "utf8").split("\n").forEach((line, i) => {
    if (line === "" || line.startsWith("#")) return;
    const fields = line.split("\t");
    if (fields.length !== 4) {
      process.stderr.write(`${path}:${i + 1}: expected 4 fields\n`);
      process.exit(2);
    }
    cases.push({ line: i + 1, password: fields[0] });
  });
  return cases;
}

/* A list item with data-rule and a classList, as the page renders them. */
function ruleItem(name) {
  const classes = new Set();
  return {
    name,
    classes,
    getAttribute: (attr) => (attr === "data-rule" ? name : null),
    classList: {
      toggle(cls, on) {
        if (on) classes.add(cls); else classes.delete(cls);
      }
    }
  };
}

const items = ["length", "mix", "id", "dictionary", "sequence"].map(ruleItem);
const list = {
  querySelectorAll: (selector) =>
    selector === "li[data-rule]" ? items : []
};
const fieldListeners = {};
const field = {
  value: "",
  addEventListener: (type, fn) => { fieldListeners[type] = fn; }
};
const documentListeners = {};
const document = {
  addEventListener: (type, fn) => { documentListeners[type] = fn; },
  getElementById: (id) =>
    id === "password-rules" ? list : id === "password" ? field : null,
  querySelectorAll: () => []
};
const window = { addEventListener: () => {} };

vm.runInNewContext(fs.readFileSync(scriptPath, "utf8"),
                   { document, window, Date, Array, Number, String },
                   { filename: scriptPath });
if (!documentListeners.DOMContentLoaded) {
  process.stderr.write("passwd.js set no DOMContentLoaded listener\n");
  process.exit(2);
}
documentListeners.DOMContentLoaded();
if (!fieldListeners.input) {
  process.stderr.write("passwd.js set no input listener on the field\n");
  process.exit(2);
}

function markOf(name) {
  const item = items.find((it) => it.name === name);
  return item.classes.has("rule-met") ? "met"
      : item.classes.has("rule-broken") ? "broken" : "unmarked";
}

for (const c of readCases(tablePath)) {
  field.value = c.password;
  fieldListeners.input();
  for (const unmarked of ["id", "dictionary"]) {
    if (markOf(unmarked) !== "unmarked") {
      process.stderr.write(`line ${c.line}: the ${unmarked} rule is marked\n`);
      process.exit(2);
    }
  }
  process.stdout.write(
      [c.line, markOf("length"), markOf("mix"), markOf("sequence")]
          .join("\t") + "\n");
}
