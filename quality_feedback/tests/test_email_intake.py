# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from email.header import Header
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import make_msgid

from .common import QualityFeedbackCase
from .service_common import SIGNATURE

SUBJECT = "沙发扶手开裂"
BODY = "两张沙发的扶手在使用两周后开裂。照片见附件。"


class TestEmailIntake(QualityFeedbackCase):
    """Issue #15 (8): a real MIME mail to the quality team's alias, as Odoo's mail
    gateway (odoo-mailgate.py or an incoming mail server) hands it over, becomes one
    complaint through the e-mail channel, with its photo and its Chinese subject."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.team.alias_domain_id:  # a database without the demo's domain
            cls.team.alias_domain_id = cls.env["mail.alias.domain"].create(
                {"name": "qf-test.example.com"}
            )
        cls.Ticket = cls.env["helpdesk.ticket"]

    def _mail(self, sender):
        """The mail a customer's mail program sends: Chinese subject (RFC 2047), a
        text body and a small PNG photo."""
        mail = MIMEMultipart()
        mail["From"] = sender
        mail["To"] = self.team.alias_full_name
        mail["Subject"] = Header(SUBJECT, "utf-8").encode()
        mail["Message-ID"] = make_msgid(domain="customer.example.cn")
        mail.attach(MIMEText(BODY, "plain", "utf-8"))
        photo = MIMEImage(base64.b64decode(SIGNATURE), "png")
        photo.add_header("Content-Disposition", "attachment", filename="armrest.png")
        mail.attach(photo)
        return mail.as_string()

    def _process(self, sender):
        before = self.Ticket.search([("name", "=", SUBJECT)])
        ticket_id = self.env["mail.thread"].message_process(False, self._mail(sender))
        created = self.Ticket.search([("name", "=", SUBJECT)]) - before
        self.assertEqual(len(created), 1)
        self.assertEqual(created.id, ticket_id)
        return created

    def test_mail_from_a_known_customer(self):
        self.assertIn("Subject: =?utf-8?b?", self._mail("x@example.cn"))
        complaint = self._process('"Hangzhou Pump Works" <buyer@hz-pump.example.com>')
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.qf_state, "registered")
        self.assertEqual(complaint.name, SUBJECT)
        self.assertIn(BODY, complaint.description)
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )
        self.assertEqual(complaint.partner_id, self.customer)
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(photos.mapped("name"), ["armrest.png"])
        self.assertEqual(photos.mimetype, "image/png")
        self.assertEqual(photos.raw, base64.b64decode(SIGNATURE))

    def test_mail_from_an_unknown_sender(self):
        """No customer is guessed or created: name and address wait for sales."""
        partners = self.env["res.partner"].search_count([])
        complaint = self._process("王先生 <wang@unknown.example.cn>")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.partner_name, "王先生")
        self.assertEqual(complaint.partner_email, "wang@unknown.example.cn")
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(
            complaint.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )

    def test_mail_forwarded_by_a_colleague(self):
        """An employee forwarding a customer's mail is not the customer."""
        self.user_sales.email = "sales@factory.example.cn"
        complaint = self._process("Sales <sales@factory.example.cn>")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.partner_email, "sales@factory.example.cn")

    def test_demo_alias_domain(self):
        """The demo database receives complaints@example.com out of the box."""
        domain = self.env.ref(
            "quality_feedback.mail_alias_domain_demo", raise_if_not_found=False
        )
        if not domain:
            self.skipTest("installed without demo data")
        self.assertEqual(self.env.ref("base.main_company").alias_domain_id, domain)
        self.assertEqual(self.team.alias_full_name, "complaints@example.com")
