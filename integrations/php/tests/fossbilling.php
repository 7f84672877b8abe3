<?php
// Runs the FOSSBilling example adapter
// (examples/fossbilling_ResellerclubContactlint.php) against the sidecar
// at argv[1], with FOSSBilling's ResellerClub adapter stubbed to send its
// calls, as the real one does, to the API at argv[2] (a recording stand-in
// on loopback). Prints, per call, whether it was sent on or refused and
// why, as JSON. Driven by php_test.go.
putenv('CONTACTLINT_CLIENT=' . __DIR__ . '/../ContactLint.php');
putenv('CONTACTLINT_URL=' . $argv[1]);

class Registrar_Exception extends Exception
{
    public function __construct(string $message, array $variables = [], int $code = 0)
    {
        parent::__construct(strtr($message, $variables), $code);
    }
}

// The bundled adapter's surface the subclass uses.
class Registrar_Adapter_Resellerclub
{
    public array $sent = [];

    public static function getConfig()
    {
        return ['label' => 'Manages domains on ResellerClub via API.', 'form' => []];
    }

    public function includeAuthorizationParams(array $params)
    {
        return [...$params, 'auth-userid' => '123456', 'api-key' => 'k3y'];
    }

    public function getLog()
    {
        return new class {
            public function err($m) {}
        };
    }

    // As the bundled adapter: the call goes to the API, authenticated.
    protected function _makeRequest($url, $params = [], $method = 'GET', $type = 'json'): array|string
    {
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => 'Content-Type: application/x-www-form-urlencoded',
            'content' => http_build_query($this->includeAuthorizationParams($params)),
            'ignore_errors' => true,
        ]]);
        $body = file_get_contents($GLOBALS['argv'][2] . '/api/' . $url . '.' . $type, false, $context);
        $this->sent[] = $url;

        return (string)$body;
    }
}
require __DIR__ . '/../examples/fossbilling_ResellerclubContactlint.php';

final class Probe extends Registrar_Adapter_ResellerclubContactlint
{
    public function call(string $url, array $params, string $method): string
    {
        try {
            $this->_makeRequest($url, $params, $method);

            return 'sent';
        } catch (Registrar_Exception $e) {
            return $e->getMessage();
        }
    }
}

$contact = [
    'customer-id' => '31415926', 'type' => 'Contact', 'email' => 'jane@example.com', 'name' => 'Jane Doe',
    'company' => 'Jane Doe', 'address-line-1' => '12 High Street', 'city' => 'Springfield', 'state' => 'IL',
    'country' => 'US', 'zipcode' => '62701', 'phone-cc' => '1', 'phone' => '2175550123',
];
$a = new Probe();
$out = [
    'label' => Probe::getConfig()['label'],
    'valid contact' => $a->call('contacts/add', $contact, 'POST'),
    'bad zip' => $a->call('contacts/add', array_merge($contact, ['zipcode' => 'ABCDE']), 'POST'),
    'not a contact call' => $a->call('domains/register', ['domain-name' => 'example.com', 'ns' => ['ns1.example.com', 'ns2.example.com']], 'POST'),
];
$out['reached ResellerClub'] = $a->sent;
echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
