<?xml version="1.0" encoding="UTF-8"?>
<!-- One order as the admin sees it: the order, its buyer, vendor,
     instance and delivery, payments, refunds, timeline and ledger rows,
     and the way to refund it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>
  <xsl:import href="_refund.xsl"/>
  <xsl:import href="_admin-order.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.order.heading', order/@no)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="order"/>
    <p class="muted"><a href="/admin/orders"><xsl:value-of select="m:t('admin.nav.orders')"/></a> › <xsl:value-of select="$o/@no"/></p>
    <h1>
      <xsl:value-of select="m:t('admin.order.heading', $o/@no)"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="order-status"><xsl:with-param name="o" select="$o"/></xsl:call-template>
    </h1>
    <div class="admin-actions">
      <xsl:if test="$o/@refundable = '1'">
        <a class="button primary" href="/admin/orders/{$o/@no}/refund"><xsl:value-of select="m:t('admin.order.refund')"/></a>
      </xsl:if>
      <a class="button" href="/admin/audit?target=order&amp;ref={$o/@no}"><xsl:value-of select="m:t('admin.order.audit')"/></a>
    </div>

    <xsl:apply-templates select="$o" mode="admin-order-info"/>

    <h2><xsl:value-of select="m:t('admin.order.payments')"/></h2>
    <xsl:choose>
      <xsl:when test="$o/payments/payment">
        <div class="table-scroll">
          <table class="data admin-table payments">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.order.payment_no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('payment.method')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.order.amount')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.status')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.provider_txn')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.at')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.completed')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/payments/payment">
                <tr>
                  <td><xsl:value-of select="@no"/></td>
                  <td><xsl:call-template name="label"><xsl:with-param name="prefix" select="'method.'"/><xsl:with-param name="value" select="@method"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                  <td>
                    <xsl:call-template name="status"><xsl:with-param name="prefix" select="'payment.status.'"/><xsl:with-param name="value" select="@status"/></xsl:call-template>
                    <xsl:if test="@outcome"><xsl:text> </xsl:text><code><xsl:value-of select="@outcome"/></code></xsl:if>
                  </td>
                  <td><code><xsl:value-of select="@provider-txn"/></code></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@completed"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('admin.order.refunds')"/></h2>
    <xsl:choose>
      <xsl:when test="$o/refunds/refund">
        <div class="table-scroll">
          <table class="data admin-table refunds">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('refund.no')"/></th>
                <th scope="col"><xsl:value-of select="m:t('refund.kind')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.order.amount')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.actor')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.reason')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.at')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/refunds/refund">
                <tr>
                  <td><xsl:value-of select="@no"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@full = '1'"><xsl:value-of select="m:t('refund.full')"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="m:t('refund.part')"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                  <td>
                    <xsl:call-template name="label"><xsl:with-param name="prefix" select="'actor.'"/><xsl:with-param name="value" select="@actor"/></xsl:call-template>
                    <xsl:if test="@admin"><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@admin"/></span></xsl:if>
                  </td>
                  <td class="wrap-text"><xsl:value-of select="reason"/></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('admin.order.timeline')"/></h2>
    <xsl:choose>
      <xsl:when test="$o/timeline/event">
        <div class="table-scroll">
          <table class="data admin-table timeline">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.order.at')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.event')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.actor')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.detail')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/timeline/event">
                <tr>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                  <td><code><xsl:value-of select="@type"/></code></td>
                  <td><xsl:call-template name="label"><xsl:with-param name="prefix" select="'actor.'"/><xsl:with-param name="value" select="@actor"/></xsl:call-template></td>
                  <td class="wrap-text"><xsl:value-of select="detail"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="m:t('admin.order.ledger')"/></h2>
    <xsl:choose>
      <xsl:when test="$o/ledger/entry">
        <div class="table-scroll">
          <table class="data admin-table ledger">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="m:t('admin.order.at')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.order.kind')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.order.amount')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.order.balance_after')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$o/ledger/entry">
                <tr id="ledger-{@id}">
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></td>
                  <td><xsl:call-template name="label"><xsl:with-param name="prefix" select="'ledger.kind.'"/><xsl:with-param name="value" select="@kind"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="signed-money"><xsl:with-param name="v" select="amount"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="balance-after"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
