# Requests as sent to the API: a query string, or the whole URL.
auth-userid=0&api-key=key&name=abc&company=company&email=urname@domain.com&address-line-1=address1&city=city&country=nn&zipcode=0&phone-cc=0&phone=0&customer-id=0&type=Contact
https://test.httpapi.com/api/contacts/add.json?name=Test+User&company=Example%20Inc&email=test%40example.com&address-line-1=1+Main+Street&city=Springfield&country=US&zipcode=62701&phone-cc=1&phone=2175550123&customer-id=12345&type=Contact
https://test.httpapi.com/api/contacts/default.json?auth-userid=0&api-key=key&customer-id=0&type=Contact&type=CnContact

name=bad%zz
