<?php
// Runs the WHMCS example hooks (examples/whmcs_contactlint_hooks.php)
// against the sidecar at argv[1], with the little of WHMCS they touch
// stubbed: add_hook and the cart in $_SESSION. Prints what each hook
// returned, as JSON. Driven by php_test.go.
define('CONTACTLINT_TEST', true);
putenv('CONTACTLINT_CLIENT=' . __DIR__ . '/../ContactLint.php');
putenv('CONTACTLINT_URL=' . $argv[1]);

$hooks = [];
function add_hook(string $name, int $priority, callable $fn): void
{
    $GLOBALS['hooks'][$name] = $fn;
}
require __DIR__ . '/../examples/whmcs_contactlint_hooks.php';

$client = [
    'firstname' => 'Jane', 'lastname' => 'Doe', 'companyname' => '', 'email' => 'jane@example.com',
    'address1' => '12 High Street', 'address2' => '', 'city' => 'Springfield', 'state' => 'IL',
    'postcode' => '62701', 'country' => 'US', 'phonenumber' => '+1.2175550123',
];
$out = [
    'valid' => $hooks['ClientDetailsValidation']($client),
    'bad zip and phone' => $hooks['ClientDetailsValidation'](array_merge($client, ['postcode' => 'ABCDE', 'phonenumber' => '+999.2175550123'])),
];
$_SESSION['cart']['domains'] = [['domain' => 'example.es'], ['domain' => 'example.com']];
$out['cart, Spanish address'] = $hooks['ShoppingCartValidateDomainsConfig'](array_merge($client, [
    'country' => 'ES', 'city' => 'Madrid', 'state' => 'Madrid', 'postcode' => '28001', 'phonenumber' => '+34.912345678',
]));
$out['cart, Madrid postcode with Barcelona'] = $hooks['ShoppingCartValidateDomainsConfig'](array_merge($client, [
    'country' => 'ES', 'city' => 'Madrid', 'state' => 'Barcelona', 'postcode' => '2800', 'phonenumber' => '+34.912345678',
]));
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
