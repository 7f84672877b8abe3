<?php
// SPDX-License-Identifier: Apache-2.0
//
// WHMCS hooks that check a client's contact details, and each domain in
// the cart, as the LogicBoxes / ResellerClub API would check the contact
// WHMCS's ResellerClub module creates from them — before the order is
// placed, every problem at once, in the API's words.
//
// Install: copy this file and ContactLint.php to includes/hooks/ (or set
// CONTACTLINT_CLIENT to where ContactLint.php lives), and run the sidecar:
// contactlint serve (listening on 127.0.0.1:8080, or set CONTACTLINT_URL).

if (!defined('WHMCS') && !defined('CONTACTLINT_TEST')) {
    die('This file cannot be accessed directly');
}
require_once getenv('CONTACTLINT_CLIENT') ?: __DIR__ . '/ContactLint.php';

/**
 * The contacts/add parameters WHMCS's ResellerClub module builds from a
 * client's details: the name is first and last name, an empty company is
 * "N/A", and the phone is split into calling code and number.
 */
function contactlint_whmcs_contact(array $vars): array
{
    $phone = preg_replace('/[^0-9+.]/', '', (string)($vars['phonenumber'] ?? ''));
    $cc = preg_replace('/\D/', '', (string)($vars['country-calling-code-phonenumber'] ?? ''));
    if (preg_match('/^\+(\d{1,3})\.(\d+)$/', $phone, $m)) { // +44.2079460000
        [$cc, $phone] = [$m[1], $m[2]];
    }
    $company = trim((string)($vars['companyname'] ?? ''));
    return [
        'customer-id' => '1', // not known before the order; any id passes the check
        'type' => 'Contact',
        'name' => trim(($vars['firstname'] ?? '') . ' ' . ($vars['lastname'] ?? '')),
        'company' => $company !== '' ? $company : 'N/A',
        'email' => $vars['email'] ?? '',
        'address-line-1' => $vars['address1'] ?? '',
        'address-line-2' => $vars['address2'] ?? '',
        'city' => $vars['city'] ?? '',
        'state' => $vars['state'] ?? '',
        'country' => $vars['country'] ?? '',
        'zipcode' => $vars['postcode'] ?? '',
        'phone-cc' => $cc,
        'phone' => ltrim(str_replace('.', '', $phone), '+'),
    ];
}

/**
 * The API's field keys of the client's own details. In the cart, where the
 * module adds the TLD's contact type and attributes from fields this hook
 * does not see, only errors on these are the client's to fix.
 */
const CONTACTLINT_WHMCS_FIELDS = ['name', 'company', 'emailaddr', 'address1', 'address2', 'address3',
    'city', 'state', 'country', 'zip', 'telnocc', 'telno'];

/** The API's refusal as WHMCS shows errors: one line per field. */
function contactlint_whmcs_errors(array $result, string $prefix = '', ?array $only = null): array
{
    if ($result['ok']) {
        return [];
    }
    $out = [];
    foreach ($result['errors'] as $field => $message) {
        if ($only === null || in_array($field, $only, true)) {
            $out[] = $prefix . ($field !== '' ? $field . ': ' : '') . $message;
        }
    }
    return $out;
}

// Registration and profile changes in the client area.
add_hook('ClientDetailsValidation', 1, function (array $vars) {
    return contactlint_whmcs_errors(ContactLint::check(contactlint_whmcs_contact($vars)));
});

// The domain configuration step of the cart: each domain's TLD rules for
// the registrant (.es postal codes and provinces, .ca provinces, .us
// states, …) on the client's details.
add_hook('ShoppingCartValidateDomainsConfig', 1, function (array $vars) {
    $client = $vars;
    if (!empty($_SESSION['uid']) && function_exists('localAPI')) {
        $details = localAPI('GetClientsDetails', ['clientid' => $_SESSION['uid']]);
        if (($details['result'] ?? '') === 'success') {
            $client = $details['client'] ?? $details;
        }
    }
    $errors = [];
    foreach ($_SESSION['cart']['domains'] ?? [] as $domain) {
        $name = (string)($domain['domain'] ?? '');
        $tld = substr($name, strpos($name, '.') + 1);
        $result = ContactLint::check(contactlint_whmcs_contact($client), 'contacts/add', ['tld' => $tld, 'role' => 'registrant']);
        $errors = array_merge($errors, contactlint_whmcs_errors($result, $name . ': ', CONTACTLINT_WHMCS_FIELDS));
    }
    return $errors;
});
