<?xml version="1.0" encoding="UTF-8"?>
<!-- Order detail: every field, payments, refunds, the timeline; pay or
     cancel while unpaid; refund it (申请退款) within the refund window, or
     how to ask for a refund when that has passed. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_refund.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('order.title', order/@no)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="order"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/orders'"/>
      <xsl:with-param name="text1" select="m:t('orders.title')"/>
      <xsl:with-param name="here" select="$o/@no"/>
    </xsl:call-template>
    <div class="list-head">
      <h1>
        <xsl:value-of select="m:t('order.heading')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="order-status"><xsl:with-param name="o" select="$o"/></xsl:call-template>
      </h1>
    </div>

    <xsl:apply-templates select="$o/refund-offer"/>

    <xsl:if test="$o/@status = 'unpaid'">
      <section class="panel unpaid">
        <p>
          <xsl:call-template name="pay-by"><xsl:with-param name="t" select="$o/@pay-by"/></xsl:call-template>
        </p>
        <div class="actions">
          <a class="button primary" href="/orders/{$o/@no}/pay"><xsl:value-of select="m:t('order.pay')"/></a>
          <a class="button danger" href="/orders/{$o/@no}/cancel"><xsl:value-of select="m:t('order.cancel')"/></a>
        </div>
      </section>
    </xsl:if>

    <section class="panel">
      <h2><xsl:value-of select="m:t('order.info')"/></h2>
      <dl class="kv">
        <dt><xsl:value-of select="m:t('order.no')"/></dt>
        <dd><xsl:value-of select="$o/@no"/></dd>
        <dt><xsl:value-of select="m:t('order.kind')"/></dt>
        <dd>
          <xsl:call-template name="label">
            <xsl:with-param name="prefix" select="'order.kind.'"/>
            <xsl:with-param name="value" select="$o/@kind"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:value-of select="m:t('order.status')"/></dt>
        <dd><xsl:call-template name="order-status"><xsl:with-param name="o" select="$o"/></xsl:call-template></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd><a href="/products/{$o/@product-id}"><xsl:value-of select="$o/product"/></a></dd>
        <dt><xsl:value-of select="m:t('order.vendor')"/></dt>
        <dd><xsl:value-of select="$o/vendor"/></dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$o/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.period')"/></dt>
        <dd><xsl:call-template name="period"><xsl:with-param name="months" select="$o/@months"/></xsl:call-template></dd>
        <xsl:if test="string($o/@delivery)">
          <dt><xsl:value-of select="m:t('order.delivery')"/></dt>
          <dd><span class="badge badge-{$o/@delivery}"><xsl:value-of select="m:t(concat('delivery.', $o/@delivery))"/></span></dd>
        </xsl:if>
        <dt><xsl:value-of select="m:t('order.unit_price')"/></dt>
        <dd><xsl:call-template name="money"><xsl:with-param name="v" select="$o/unit-price"/></xsl:call-template></dd>
        <dt><xsl:value-of select="m:t('order.quantity')"/></dt>
        <dd><xsl:value-of select="$o/quantity"/></dd>
        <dt><xsl:value-of select="m:t('order.total')"/></dt>
        <dd><strong class="price"><xsl:call-template name="money"><xsl:with-param name="v" select="$o/total"/></xsl:call-template></strong></dd>
        <xsl:if test="$o/refunded-amount">
          <dt><xsl:value-of select="m:t('refund.refunded_total')"/></dt>
          <dd><xsl:call-template name="money"><xsl:with-param name="v" select="$o/refunded-amount"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="string($o/@payment-method)">
          <dt><xsl:value-of select="m:t('order.payment_method')"/></dt>
          <dd>
            <xsl:call-template name="label">
              <xsl:with-param name="prefix" select="'method.'"/>
              <xsl:with-param name="value" select="$o/@payment-method"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
        <dt><xsl:value-of select="m:t('order.created')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$o/@created"/></xsl:call-template></dd>
        <xsl:if test="$o/@status = 'unpaid' and string($o/@pay-by)">
          <dt><xsl:value-of select="m:t('order.pay_by_label')"/></dt>
          <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$o/@pay-by"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="string($o/@paid)">
          <dt><xsl:value-of select="m:t('order.paid')"/></dt>
          <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$o/@paid"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="string($o/@cancelled)">
          <dt><xsl:value-of select="m:t('order.cancelled')"/></dt>
          <dd>
            <xsl:call-template name="time"><xsl:with-param name="t" select="$o/@cancelled"/></xsl:call-template>
          </dd>
          <xsl:if test="string($o/@cancel-reason)">
            <dt><xsl:value-of select="m:t('order.cancel_reason')"/></dt>
            <dd>
              <xsl:call-template name="label">
                <xsl:with-param name="prefix" select="'order.cancel_reason.'"/>
                <xsl:with-param name="value" select="$o/@cancel-reason"/>
              </xsl:call-template>
            </dd>
          </xsl:if>
        </xsl:if>
        <xsl:if test="string($o/@refunded)">
          <dt><xsl:value-of select="m:t('order.refunded')"/></dt>
          <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$o/@refunded"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="string($o/@instance)">
          <dt><xsl:value-of select="m:t('order.instance')"/></dt>
          <dd><a href="/services/{$o/@instance}"><xsl:value-of select="$o/@instance"/></a></dd>
        </xsl:if>
      </dl>
    </section>

    <section class="panel">
      <h2><xsl:value-of select="m:t('order.payments')"/></h2>
      <xsl:choose>
        <xsl:when test="$o/payments/payment">
          <div class="table-scroll">
            <table class="data stack">
              <thead>
                <tr>
                  <th scope="col"><xsl:value-of select="m:t('payment.no')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('payment.method')"/></th>
                  <th scope="col" class="num"><xsl:value-of select="m:t('payment.amount')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('payment.status')"/></th>
                  <th scope="col"><xsl:value-of select="m:t('payment.created')"/></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$o/payments/payment">
                  <tr>
                    <td data-label="{m:t('payment.no')}"><a href="/payments/{@no}"><xsl:value-of select="@no"/></a></td>
                    <td data-label="{m:t('payment.method')}">
                      <xsl:call-template name="label">
                        <xsl:with-param name="prefix" select="'method.'"/>
                        <xsl:with-param name="value" select="@method"/>
                      </xsl:call-template>
                    </td>
                    <td class="num" data-label="{m:t('payment.amount')}"><xsl:call-template name="money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                    <td data-label="{m:t('payment.status')}">
                      <xsl:call-template name="status">
                        <xsl:with-param name="prefix" select="'payment.status.'"/>
                        <xsl:with-param name="value" select="@status"/>
                      </xsl:call-template>
                    </td>
                    <td data-label="{m:t('payment.created')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><xsl:value-of select="m:t('order.no_payments')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="$o/refunds/refund">
      <section class="panel refunds">
        <h2><xsl:value-of select="m:t('refund.refunds')"/></h2>
        <div class="table-scroll">
          <table class="data stack">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('refund.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('refund.kind')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('refund.amount')"/></th>
                <th scope="col"><xsl:value-of select="m:t('refund.by')"/></th>
                <th scope="col"><xsl:value-of select="m:t('refund.at')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/refunds/refund">
                <tr>
                  <td data-label="{m:t('refund.no')}"><xsl:value-of select="@no"/></td>
                  <td data-label="{m:t('refund.kind')}">
                    <xsl:choose>
                      <xsl:when test="@full = '1'"><xsl:value-of select="m:t('refund.full')"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="m:t('refund.part')"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num" data-label="{m:t('refund.amount')}"><xsl:call-template name="money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                  <td data-label="{m:t('refund.by')}">
                    <xsl:call-template name="label">
                      <xsl:with-param name="prefix" select="'actor.'"/>
                      <xsl:with-param name="value" select="@actor"/>
                    </xsl:call-template>
                  </td>
                  <td data-label="{m:t('refund.at')}"><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>

    <xsl:if test="$o/timeline/event">
      <section class="panel">
        <h2><xsl:value-of select="m:t('order.timeline')"/></h2>
        <ol class="timeline">
          <xsl:for-each select="$o/timeline/event">
            <xsl:sort select="position()" data-type="number" order="descending"/>
            <li>
              <span class="when"><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></span>
              <span class="what">
                <xsl:variable name="key" select="concat('event.', @type)"/>
                <xsl:variable name="text" select="m:t($key)"/>
                <xsl:choose>
                  <xsl:when test="$text != $key"><xsl:value-of select="$text"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="m:t('event.other', @type)"/></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="string(@actor)">
                  <span class="muted">
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="label">
                      <xsl:with-param name="prefix" select="'actor.'"/>
                      <xsl:with-param name="value" select="@actor"/>
                    </xsl:call-template>
                  </span>
                </xsl:if>
              </span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A paid order: refund it here while the buyer may, else how to ask. -->
  <xsl:template match="refund-offer[@allowed = '1']">
    <section class="panel refund-offer">
      <p>
        <xsl:variable name="until"><xsl:call-template name="time-text"><xsl:with-param name="t" select="@until"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="m:t('refund.offer', string($until))"/>
      </p>
      <div class="actions">
        <a class="button" href="/orders/{../@no}/refund"><xsl:value-of select="m:t('refund.request')"/></a>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="refund-offer">
    <section class="panel refund-ask">
      <h2><xsl:value-of select="m:t('refund.ask')"/></h2>
      <p class="muted"><xsl:value-of select="m:t(concat('error.', @why))"/></p>
      <xsl:if test="delivery">
        <p>
          <xsl:value-of select="m:t('refund.ask_appeal')"/>
          <xsl:text> </xsl:text>
          <a href="/deliveries/{delivery/@no}"><xsl:value-of select="m:t('refund.ask_appeal_link')"/></a>
        </p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="support/@email or support/@phone">
          <p><xsl:value-of select="m:t('refund.ask_support')"/></p>
          <xsl:apply-templates select="support" mode="contact"/>
        </xsl:when>
        <xsl:otherwise><p><xsl:value-of select="m:t('refund.ask_none')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
