# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError

from .quality_reader import qf_for_company, qf_for_reader, qf_reader_today
from .quality_service_receipt import INSPECTOR_GROUP, STOCK_GROUP


class QualityServiceReceipt(models.Model):
    """The product's way through the factory (SPEC R-603): real stock moves into and
    out of the warehouse's *Customer Products under Repair* location, owned by the
    customer so that they are never valued as company stock (stock_account leaves
    out the move lines and quants whose owner is not the company), a repair order
    for production, the quality inspector's acceptance, the return."""

    _inherit = "quality.service.receipt"

    # --- Hand-in: the product enters the register ------------------------------------
    def action_hand_in(self):
        """The technician hands the product in at the factory: an incoming transfer
        from the customer's location, with the lot and the customer as owner,
        validated at once (客户产品进出登记簿, entry)."""
        self._qf_check_technician()
        self._qf_check_state(
            ["signed"], self.env._("Only a signed receipt's product is handed in.")
        )
        for receipt in self:
            picking = receipt._qf_transfer(
                receipt.warehouse_id.in_type_id,
                receipt.partner_id.property_stock_customer,
                receipt.warehouse_id._qf_ensure_repair_location(),
            )
            receipt._qf_move("received", "store", picking_in_id=picking.id)
        return True

    def _qf_transfer(self, picking_type, source, destination):
        """A validated transfer of the receipt's product owned by the customer."""
        self.ensure_one()
        # sudo: technicians have no stock rights; the transfer is the workflow's,
        # made from the checked receipt only.
        company_env = self.sudo().with_company(self.company_id).env
        picking = company_env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.partner_id.id,
                "owner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "origin": self.name,
                "qf_receipt_id": self.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.product_id.id,
                            "product_uom": self.uom_id.id,
                            "product_uom_qty": self.quantity,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "restrict_partner_id": self.partner_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        company_env["stock.move.line"].create(
            {
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": self.product_id.id,
                "product_uom_id": self.uom_id.id,
                "lot_id": self.lot_id.id,
                "quantity": self.quantity,
                "owner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
            }
        )
        move.picked = True
        picking._action_done()
        if picking.state != "done":
            raise UserError(
                self.env._(
                    "Transfer %(picking)s of receipt %(receipt)s could not be done.",
                    picking=picking.name,
                    receipt=self.name,
                )
            )
        return picking

    # --- Material return note: the product goes to production -----------------------
    def action_hand_over(self):
        """The material return note (退料单) hands the product to production: a
        repair order for the product and lot in the repair location, linked to the
        receipt and to the service order."""
        self._qf_check_group(
            STOCK_GROUP,
            self.env._("Only warehouse users hand a product over to production."),
        )
        self._qf_check_state(
            ["received"],
            self.env._("Only a product handed in at the factory goes to production."),
        )
        for receipt in self:
            repair = receipt._qf_create_repair()
            receipt._qf_move(
                "repair",
                "production",
                repair_id=repair.id,
                handed_over_by_id=self.env.uid,
                handed_over_on=fields.Datetime.now(),
            )
        return self.action_print_return_note()

    def action_print_return_note(self):
        return self.env.ref(
            "quality_feedback.action_report_qf_material_return_note"
        ).report_action(self)

    def _qf_create_repair(self, note=None):
        """A repair order of the receipt's product, from and back to the repair
        location (the customer keeps owning it: Odoo's repair moves it with the
        customer as owner when it finds his quant there). Parts come from the
        repair operation type's default source (the warehouse's stock)."""
        self.ensure_one()
        # sudo: the repair order's link to the receipt is guarded and warehouse users
        # cannot read service orders; the caller was checked (warehouse user, or
        # quality inspector sending it back).
        receipt = self.sudo().with_company(self.company_id)
        location = receipt.warehouse_id.qf_repair_location_id
        repair = receipt.env["repair.order"].create(
            {
                "picking_type_id": receipt.warehouse_id.repair_type_id.id,
                "partner_id": receipt.partner_id.id,
                "product_id": receipt.product_id.id,
                "product_uom": receipt.uom_id.id,
                "product_qty": receipt.quantity,
                "lot_id": receipt.lot_id.id,
                "product_location_src_id": location.id,
                "product_location_dest_id": location.id,
                "schedule_date": fields.Datetime.now(),
                "internal_notes": note or receipt.description,
                "user_id": self.env.uid,
                "fsm_order_id": receipt.order_id.id,
                "qf_receipt_id": receipt.id,
                "under_warranty": receipt.order_id.qf_service_type == "warranty",
            }
        )
        repair.action_validate()
        return repair

    def _qf_repair_done(self, repairs):
        """Called when ``repairs`` are done: the receipts repaired by them wait for
        the quality inspector (质检员验收)."""
        waiting = self.filtered(
            lambda r: r.state == "repair" and r.repair_id in repairs
        )
        waiting._qf_move("inspection", "quality")
        inspectors = self.env.ref(INSPECTOR_GROUP).sudo().all_user_ids
        for receipt in waiting:
            for user in inspectors.filtered(
                lambda u, r=receipt: r.company_id in u.company_ids and u.active
            ):
                # sudo: the inspector's to-do is scheduled by the repair's workflow.
                receipt.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    date_deadline=qf_reader_today(receipt, user),
                    summary=qf_for_reader(receipt, user).env._(
                        "Inspect the repaired product of %(receipt)s",
                        receipt=receipt.name,
                    ),
                )

    # --- Quality inspection (质检员验收) -----------------------------------------------
    def _qf_check_inspector(self):
        self._qf_check_group(
            INSPECTOR_GROUP,
            self.env._("Only a quality inspector accepts or refuses a repair."),
        )
        self._qf_check_state(
            ["inspection"], self.env._("Only a repaired product is inspected.")
        )

    def action_accept(self):
        """Accepted: the product goes back to the store (合格后入库) until the
        technician returns it."""
        self._qf_check_inspector()
        self._qf_move(
            "accepted",
            "store",
            inspection_result="accepted",
            inspected_by_id=self.env.uid,
            inspected_on=fields.Datetime.now(),
            inspection_note=False,
        )
        self._qf_done_inspection_activities()
        return True

    def _qf_refuse(self, reason):
        """Refused: back to production with a NEW repair order. Odoo's ``repair``
        cannot reopen a done repair order (``action_repair_cancel`` refuses done
        orders and ``action_repair_cancel_draft`` needs a cancelled one), and its
        done order's stock moves and sales lines are a record; so each round of
        repair is an order of its own and the receipt lists them all."""
        self._qf_check_inspector()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason the repair is refused."))
        for receipt in self:
            repair = receipt._qf_create_repair(
                note=self.env._("Refused by quality: %(reason)s", reason=reason)
            )
            receipt._qf_move(
                "repair",
                "production",
                repair_id=repair.id,
                inspection_result="refused",
                inspected_by_id=self.env.uid,
                inspected_on=fields.Datetime.now(),
                inspection_note=reason,
            )
            receipt.message_post(
                body=qf_for_company(receipt).env._(
                    "Repair refused by quality (%(reason)s): back to production "
                    "with %(repair)s.",
                    reason=reason,
                    repair=repair.name,
                )
            )
        self._qf_done_inspection_activities()
        return True

    def action_refuse(self):
        self._qf_check_inspector()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse the Repair"),
            "res_model": "quality.service.receipt.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"active_id": self.id},
        }

    def _qf_done_inspection_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        # sudo: the to-dos belong to the inspectors.
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == todo
        ).action_feedback()

    # --- Return to the customer, receipt voided (作废) ---------------------------------
    def _qf_check_return_allowed(self):
        self._qf_lock()
        voided = self.filtered(lambda r: r.state == "voided")
        if voided:
            raise UserError(
                self.env._(
                    "Receipt %(receipt)s was already voided by %(user)s on "
                    "%(date)s: it cannot be voided twice.",
                    receipt=voided[0].name,
                    user=voided[0].voided_by_id.name,
                    date=fields.Datetime.to_string(voided[0].voided_on),
                )
            )
        self._qf_check_state(
            ["accepted"],
            self.env._(
                "The product goes back to the customer only after the quality "
                "inspector accepted the repair."
            ),
        )

    def _qf_return(self, signed_by, signature):
        """The technician returns the product: an outgoing transfer from the repair
        location to the customer (same lot, same owner), the customer signs, and the
        receipt is voided."""
        self._qf_check_technician()
        self._qf_check_return_allowed()
        self._qf_check_signature(signed_by, signature)
        for receipt in self:
            picking = receipt._qf_transfer(
                receipt.warehouse_id.out_type_id,
                receipt.warehouse_id.qf_repair_location_id,
                receipt.partner_id.property_stock_customer,
            )
            now = fields.Datetime.now()
            receipt._qf_move(
                "voided",
                "customer",
                picking_out_id=picking.id,
                return_signature=signature,
                return_signed_by=signed_by.strip(),
                return_signed_on=now,
                voided_by_id=self.env.uid,
                voided_on=now,
            )
            # sudo: the promised return date is met (or missed) now.
            self.env["quality.deadline"].sudo()._qf_open_of_orders(
                receipt.order_id, ["repair"]
            )._qf_close(now)
            receipt.message_post(
                body=qf_for_company(receipt).env._(
                    "Returned to the customer, signed by %(name)s: receipt voided.",
                    name=signed_by.strip(),
                )
            )
        return True
