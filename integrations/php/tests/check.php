<?php
// Runs ContactLint::check over the cases on standard input (a JSON list of
// {"params": {...}, "command": "...", "options": {...}}) against the
// sidecar at argv[1], and prints the results as a JSON list. Driven by
// php_test.go.
require_once __DIR__ . '/../ContactLint.php';

error_reporting(E_ALL);
set_error_handler(function ($no, $str, $file, $line) {
    if (!(error_reporting() & $no)) {
        return false; // silenced with @ on purpose (the sidecar being down)
    }
    // Any other warning, notice or deprecation is a defect: fail loudly.
    fwrite(STDERR, "PHP error $no: $str at $file:$line\n");
    exit(3);
});

ContactLint::configure($argv[1], 3.0);
$cases = json_decode(stream_get_contents(STDIN), true);
if (!is_array($cases)) {
    fwrite(STDERR, "no cases on standard input\n");
    exit(2);
}
$out = [];
foreach ($cases as $case) {
    $start = microtime(true);
    $r = empty($case['fix'])
        ? ContactLint::check($case['params'], $case['command'] ?? 'contacts/add', $case['options'] ?? [])
        : ContactLint::fix($case['params'], $case['command'] ?? 'contacts/add', $case['options'] ?? []);
    if (isset($r['params'])) {
        $r['params'] = (object)$r['params'];
    }
    $r['seconds'] = microtime(true) - $start;
    $r['errors'] = (object)$r['errors']; // {} when empty, as JSON has it
    $out[] = $r;
}
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
